package com.outboundsms.worker.processing;

import java.time.Duration;
import java.time.Instant;

/**
 * What the store answers when a request asks for its pair.
 */
public sealed interface Claim permits Claim.Claimed, Claim.Open, Claim.Busy {

	/**
	 * The request now owns the pair's outreach and makes it, from the progress shown.
	 *
	 * @param fence the fencing token every later write of this owner must carry
	 * @param progress what earlier owners already made
	 */
	record Claimed(long fence, OutreachProgress progress) implements Claim {
	}

	/**
	 * An outreach for the pair is open, as far as the store knows.
	 *
	 * @param fence the row's fencing token, to replace the outreach if it turns out
	 * closed
	 * @param backend the backend that made it
	 * @param progress its SIDs
	 * @param openedAt when it was made
	 * @param checkedAt when Twilio last showed it open (its creation counts)
	 */
	record Open(long fence, String backend, OutreachProgress progress, Instant openedAt,
			Instant checkedAt) implements Claim {
	}

	/**
	 * Another request holds the pair's lease and is making the outreach.
	 *
	 * @param remaining how long that lease still runs unless it is renewed, as the
	 * store's clock measures it
	 */
	record Busy(Duration remaining) implements Claim {
	}

}
