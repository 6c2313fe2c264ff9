import { Logo } from "@/components/layout/logo";
import { ThemeToggle } from "@/components/ui/theme";
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
      <div className="mt-auto space-y-2">
        <ThemeToggle className="ml-1" />
        <UserMenu />
      </div>
    </>
  );
}
