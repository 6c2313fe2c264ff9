import { TeamPage } from "@/components/team/team-page";

export const metadata = { title: "Team" };

export default function Page() {
  return <TeamPage />;
}
