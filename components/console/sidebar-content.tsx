import { Logo } from "@/components/layout/logo";
import { ConsoleNav } from "./console-nav";
import { OrgSwitcher } from "./org-switcher";
import { UserMenu } from "./user-menu";

/** What the sidebar holds: on wide screens beside the page, on phones in the menu's sheet. */
export function SidebarContent() {
  return (
    <>
      <div className="px-1">
        <Logo />
      </div>
      <OrgSwitcher />
      <ConsoleNav />
      <div className="mt-auto">
        <UserMenu />
      </div>
    </>
  );
}
