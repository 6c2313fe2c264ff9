import { EventTypesPage } from "@/components/event-types/event-types-page";

export const metadata = { title: "Event catalogue" };

export default function Page() {
  return <EventTypesPage />;
}
