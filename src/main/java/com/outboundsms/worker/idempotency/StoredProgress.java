package com.outboundsms.worker.idempotency;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * An outreach's progress as the store keeps it, in a row's {@code progress} column. Rows
 * written before outreaches had ids lack {@code outreach}, so every field may be missing
 * when read.
 *
 * @param outreach the outreach's id
 * @param sids the SIDs made, by their kind's name
 * @param attempted the names of the kinds whose creation was attempted
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "outreach", "sids", "attempted" })
record StoredProgress(@Nullable String outreach, @Nullable Map<String, String> sids, @Nullable List<String> attempted) {

}
