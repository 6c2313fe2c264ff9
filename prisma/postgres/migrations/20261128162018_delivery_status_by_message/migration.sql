-- CreateIndex
CREATE INDEX "Delivery_appId_status_messageId_idx" ON "Delivery"("appId", "status", "messageId");

-- CreateIndex
CREATE INDEX "Delivery_endpointId_status_messageId_idx" ON "Delivery"("endpointId", "status", "messageId");

