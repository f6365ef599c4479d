/** Sealing and signing: the sequencer, its Merkle log tables, signed checkpoints, anchors, time-stamps and proofs. */
package org.auditrail.seal;
