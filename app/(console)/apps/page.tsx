import { AppsPage } from "@/components/apps/apps-page";

export const metadata = { title: "Applications" };

export default function Page() {
  return <AppsPage />;
}
