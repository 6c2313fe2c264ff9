"use client";

import { Badge } from "@/components/ui/badge";
import { useReadinessQuery } from "@/lib/queries/system";

export function SystemStatus() {
  const { data, isPending } = useReadinessQuery();
  if (isPending) return <Badge>Checking status…</Badge>;
  if (data?.ready) return <Badge tone="success">All systems operational</Badge>;
  return <Badge tone="danger">Service degraded: database not ready</Badge>;
}
