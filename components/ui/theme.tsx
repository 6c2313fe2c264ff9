"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useSyncExternalStore } from "react";
import { cn } from "@/lib/utils";

// Light or dark: the person's choice (kept in this browser), else the system's. The class
// "dark" on <html> turns the palette over (app/globals.css). THEME_SCRIPT sets it before the
// first paint, so a dark page never flashes white.

export type ThemeChoice = "system" | "light" | "dark";
const KEY = "pigeon-theme";
const query = "(prefers-color-scheme: dark)";

// The customer portal (/portal) keeps a theme of its own (app/portal/portal.css): the console's choice stays out of it.
export const THEME_SCRIPT = `(function(){try{if(location.pathname.indexOf("/portal")===0)return;var c=localStorage.getItem("${KEY}");var d=c==="dark"||(c!=="light"&&matchMedia("${query}").matches);document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;

function readChoice(): ThemeChoice {
  const stored = typeof localStorage === "undefined" ? null : localStorage.getItem(KEY);
  return stored === "light" || stored === "dark" ? stored : "system";
}

function apply(choice: ThemeChoice) {
  const dark = choice === "dark" || (choice === "system" && matchMedia(query).matches);
  document.documentElement.classList.toggle("dark", dark);
  window.dispatchEvent(new Event("pigeon-theme"));
}

const isDark = () => document.documentElement.classList.contains("dark") || document.documentElement.dataset.portalTheme === "dark";

/** Whether the page is dark right now, the console's or the portal's (for what CSS cannot colour, e.g. a chart's SVG attributes). */
export function useIsDark(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const observer = new MutationObserver(onChange);
      observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class", "data-portal-theme"] });
      return () => observer.disconnect();
    },
    isDark,
    () => false,
  );
}

const CHOICES: { value: ThemeChoice; label: string; Icon: typeof Sun }[] = [
  { value: "system", label: "System", Icon: Monitor },
  { value: "light", label: "Light", Icon: Sun },
  { value: "dark", label: "Dark", Icon: Moon },
];

function subscribeChoice(onChange: () => void) {
  const media = matchMedia(query);
  // The system's setting changes while "system" is chosen: follow it.
  const follow = () => readChoice() === "system" && apply("system");
  media.addEventListener("change", follow);
  window.addEventListener("pigeon-theme", onChange);
  window.addEventListener("storage", onChange);
  return () => {
    media.removeEventListener("change", follow);
    window.removeEventListener("pigeon-theme", onChange);
    window.removeEventListener("storage", onChange);
  };
}

/** System, light or dark: a small radio group. */
export function ThemeToggle({ className }: { className?: string }) {
  const choice = useSyncExternalStore(subscribeChoice, readChoice, () => "system" as ThemeChoice);
  const choose = (next: ThemeChoice) => {
    if (next === "system") localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, next);
    apply(next);
  };
  return (
    <div role="radiogroup" aria-label="Theme" className={cn("inline-flex rounded-md border border-zinc-200 bg-surface p-0.5", className)}>
      {CHOICES.map(({ value, label, Icon }) => (
        <button
          key={value}
          type="button"
          role="radio"
          aria-checked={choice === value}
          aria-label={`${label} theme`}
          title={`${label} theme`}
          onClick={() => choose(value)}
          className={cn("flex size-7 items-center justify-center rounded text-zinc-500 hover:text-zinc-900", choice === value && "bg-zinc-100 text-zinc-900")}
        >
          <Icon className="size-4" aria-hidden />
        </button>
      ))}
    </div>
  );
}

/** What a chart's SVG attributes need (CSS variables do not reach them), for the current theme. */
export function useChartColors() {
  const dark = useIsDark();
  return dark
    ? {
        grid: "#27272a",
        axis: "#3f3f46",
        tick: "#a1a1aa",
        cursor: "#27272a",
        line: "#d4d4d8",
        tooltip: { background: "#18181b", borderColor: "#3f3f46", color: "#f4f4f5" },
      }
    : {
        grid: "#f4f4f5",
        axis: "#e4e4e7",
        tick: "#71717a",
        cursor: "#f4f4f5",
        line: "#3f3f46",
        tooltip: { background: "#ffffff", borderColor: "#e4e4e7", color: "#18181b" },
      };
}
