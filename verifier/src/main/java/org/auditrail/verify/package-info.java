/** Offline verification of the audit log: RFC 6962 Merkle proofs, tlog checkpoints and Ed25519 signed notes. */
package org.auditrail.verify;
