package com.outboundsms.worker.processing;

import java.util.Map;
import java.util.Optional;

/**
 * The durable idempotency store, shared by every worker instance: one row per number pair
 * holding its outreach's state, SIDs and lease, and one outcome per completed request.
 * Implementations throw {@link TransientFailure} when the store is unavailable and when a
 * write carries a fencing token that is no longer current.
 */
public interface OutreachStore {

	/**
	 * The outcome an earlier processing of the same request reached.
	 * @param requestId the request id
	 * @return the stored outcome, if the request was completed before
	 */
	Optional<StoredOutcome> findOutcome(String requestId);

	/**
	 * Claims the pair's outreach for the request atomically: creates the row if there is
	 * none, takes over a pending outreach whose lease ran out, or says who holds it.
	 * @param pair the number pair
	 * @param requestId the claiming request
	 * @param backend the backend that will make the outreach
	 * @return the claim
	 */
	Claim claim(NumberPair pair, String requestId, String backend);

	/**
	 * Replaces an open outreach that was found closed or too old with a new pending one
	 * owned by the request, unless someone else changed the row since it was read.
	 * @param pair the number pair
	 * @param open the outreach as it was read
	 * @param requestId the claiming request
	 * @param backend the backend that will make the new outreach
	 * @return the claim, empty if the row changed meanwhile
	 */
	default Optional<Claim.Claimed> replace(NumberPair pair, Claim.Open open, String requestId, String backend) {
		return replace(pair, open, requestId, backend, Map.of());
	}

	/**
	 * Replaces an open outreach with a new pending one that builds on what it made, in
	 * the same write, so that every attempt of the new outreach (a retry, another
	 * instance taking it over) starts from those SIDs.
	 * @param pair the number pair
	 * @param open the outreach as it was read
	 * @param requestId the claiming request
	 * @param backend the backend that will make the new outreach
	 * @param startingSids the SIDs the new outreach starts with (none attempted by it)
	 * @return the claim, empty if the row changed meanwhile
	 */
	Optional<Claim.Claimed> replace(NumberPair pair, Claim.Open open, String requestId, String backend,
			Map<Sid, String> startingSids);

	/**
	 * Records the progress of a pending outreach and renews its lease. Refused (a
	 * {@link TransientFailure}) once the lease ran out, since another request may then
	 * take the outreach over from the progress it reads.
	 * @param pair the number pair
	 * @param fence the owner's fencing token
	 * @param progress what is made so far
	 */
	void checkpoint(NumberPair pair, long fence, OutreachProgress progress);

	/**
	 * Marks the outreach open with its final SIDs and stores the request's outcome,
	 * atomically; an outcome already stored for the request id stays.
	 * @param pair the number pair
	 * @param fence the owner's fencing token
	 * @param progress the outreach's final progress
	 * @param requestId the request that completed it
	 * @param outcome the request's outcome
	 * @return the outcome stored for the request id: this one, or the one stored before
	 */
	StoredOutcome open(NumberPair pair, long fence, OutreachProgress progress, String requestId, StoredOutcome outcome);

	/**
	 * Notes that Twilio showed the open outreach still open just now.
	 * @param pair the number pair
	 * @param fence the row's fencing token as read; nothing happens if it changed
	 */
	void confirmOpen(NumberPair pair, long fence);

	/**
	 * Forgets the open outreach whose conversation Twilio reported closed, so that the
	 * pair's next request makes a new outreach without asking Twilio whether the old one
	 * is open. Pending outreaches and outreaches of another conversation stay: the pair's
	 * outreach may have been replaced since.
	 * @param conversationSid the conversation's SID ({@code CH…})
	 * @return whether an open outreach had that conversation
	 */
	boolean closeConversation(String conversationSid);

	/**
	 * Stores the outcome of a request that reused an open outreach, unless the request id
	 * has one already.
	 * @param requestId the request id
	 * @param pair the number pair
	 * @param outcome the outcome
	 * @return the outcome stored for the request id: this one, or the one stored before
	 */
	StoredOutcome recordOutcome(String requestId, NumberPair pair, StoredOutcome outcome);

	/**
	 * Gives up the lease of a pending outreach after a transient failure, keeping its
	 * progress so the next attempt resumes from the last completed step.
	 * @param pair the number pair
	 * @param fence the owner's fencing token
	 */
	void release(NumberPair pair, long fence);

	/**
	 * Forgets a pending outreach that failed for good, so the pair is free again. The
	 * fencing token is not given out again.
	 * @param pair the number pair
	 * @param fence the owner's fencing token
	 */
	void abandon(NumberPair pair, long fence);

	/**
	 * Puts an open outreach that a claim replaced back as the pair's open outreach, after
	 * what replaced it failed for good while the replaced one is still open at Twilio (a
	 * task request's escalation of a reminder that Twilio refused). The replaced outreach
	 * comes back as it was: its progress, when it was opened and when Twilio last said it
	 * was open.
	 * @param pair the number pair
	 * @param fence the owner's fencing token
	 * @param replaced the open outreach the claim replaced
	 */
	void reopen(NumberPair pair, long fence, Claim.Open replaced);

}
