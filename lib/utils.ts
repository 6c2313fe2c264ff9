import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/** Joins class names, letting later Tailwind utilities override earlier ones. */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}

/** 1048576 → "1 MiB", 2560 → "2.5 KiB", 900 → "900 bytes". */
export function formatBytes(bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), "MiB"] : bytes >= 1024 ? [bytes / 1024, "KiB"] : [bytes, "bytes"];
  return `${Number(value.toFixed(1)).toLocaleString("en-US")} ${unit}`;
}
