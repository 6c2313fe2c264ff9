-- DropIndex
DROP INDEX "Delivery_endpointId_status_id_idx";

