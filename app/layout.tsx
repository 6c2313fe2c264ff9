import "@fontsource-variable/inter";
import "./globals.css";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { THEME_SCRIPT } from "@/components/ui/theme";

export const metadata: Metadata = {
  title: { default: "Pigeon", template: "%s · Pigeon" },
  description: "Webhooks, delivered: signed, retried, logged, and never lost.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script sets the "dark" class before React does: the attribute may differ.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
