import { DashboardPage } from "@/components/dashboard/dashboard-page";
import { consoleAuth } from "@/lib/auth/console-auth";
import { getOrgOverview } from "@/lib/orgs/get-org-overview";

export const metadata = { title: "Dashboard" };

export default async function Page() {
  const auth = await consoleAuth();
  return <DashboardPage orgName={auth.org.name} overview={await getOrgOverview(auth)} />;
}
