-- CreateIndex
CREATE INDEX "AuditEvent_orgId_action_id_idx" ON "AuditEvent"("orgId", "action", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_orgId_actorUserId_id_idx" ON "AuditEvent"("orgId", "actorUserId", "id");

