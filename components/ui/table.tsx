import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

export const Table = ({ className, ...props }: ComponentProps<"table">) => (
  <div className="overflow-x-auto">
    <table className={cn("w-full text-left text-sm", className)} {...props} />
  </div>
);
export const Th = ({ className, ...props }: ComponentProps<"th">) => (
  <th className={cn("border-b border-zinc-200 px-4 py-2.5 text-xs font-medium tracking-wide text-zinc-500 uppercase", className)} {...props} />
);
export const Td = ({ className, ...props }: ComponentProps<"td">) => <td className={cn("border-b border-zinc-100 px-4 py-3 align-middle", className)} {...props} />;
