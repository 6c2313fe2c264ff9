import { NoticesPage } from "@/components/notices/notices-page";

export const metadata = { title: "Notices" };

export default function Page() {
  return <NoticesPage />;
}
