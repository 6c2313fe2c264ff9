import { serveSqliteJobs } from "@/lib/sql/sqlite-thread";
import { claimSqlite } from "./claim";
import { recordAttemptsSqlite } from "./record-attempts";

// The delivery engine's write thread on SQLite (lib/sql/sqlite-thread.ts): this module is
// what the thread runs. Each job is the function the main thread would run itself without it.
serveSqliteJobs({ claim: claimSqlite, record: recordAttemptsSqlite });
