import { inject } from "vitest";

// Test files talk to the same database as the server under test.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.PIGEON_DATA_DIR = inject("dataDir");
process.env.PIGEON_ENCRYPTION_KEY = inject("encryptionKey");
