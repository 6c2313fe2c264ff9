"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Toaster } from "sonner";
import { useIsDark } from "@/components/ui/theme";

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 5_000, retry: 1, refetchOnWindowFocus: true },
        },
      }),
  );
  const dark = useIsDark();
  return (
    <QueryClientProvider client={client}>
      {children}
      {/* Bottom left: never over the row actions at the right of a table. */}
      <Toaster position="bottom-left" theme={dark ? "dark" : "light"} richColors closeButton />
    </QueryClientProvider>
  );
}
