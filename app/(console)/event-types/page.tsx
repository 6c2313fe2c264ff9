import { EventTypesPage } from "@/components/event-types/event-types-page";

export const metadata = { title: "Event types" };

export default function Page() {
  return <EventTypesPage />;
}
