import { ProfilePage } from "@/components/profile/profile-page";

export const metadata = { title: "Profile" };

export default function Page() {
  return <ProfilePage />;
}
