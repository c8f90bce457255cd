/** One change as it travels from a node to the cluster (docs/provincial-nodes.md). */
export interface NodeRecord {
  seq: number;
  recordId: string;
  kind: string;
  provinceId: string;
  payload: Record<string, unknown>;
  recordedAt: string;
}

export interface NodeBatch {
  nodeId: string;
  /** The newest sequence number in the node's outbox when it sent the batch. */
  headSeq: number;
  records: NodeRecord[];
}

export interface RejectedRecord {
  seq: number;
  recordId: string;
  reason: string;
}

export interface BatchResult {
  /** Every record up to this sequence number is settled (applied, already had, or rejected). */
  lastSeq: number;
  rejected: RejectedRecord[];
}
