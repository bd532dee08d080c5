package com.outboundsms.worker.twilio;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.PermanentFailure;
import com.outboundsms.worker.processing.PhoneMask;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.flexapi.v1.FlexFlow;
import org.jspecify.annotations.Nullable;

/**
 * The account's task Flex Flows by contact identity. Twilio cannot filter flows by number
 * and rate-limits their list, so they are read whole, kept, and read again only when the
 * copy is old, a number is unknown (at most once per {@code flowMissRefresh}), or Twilio
 * says a flow handed out is gone.
 */
class FlexFlowDirectory {

	private final TwilioRestClient client;

	private final TwilioProperties properties;

	private final Clock clock;

	private volatile Snapshot snapshot = new Snapshot(Map.of(), Instant.MIN);

	FlexFlowDirectory(TwilioRestClient client, TwilioProperties properties, Clock clock) {
		this.client = client;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The task flow for SMS whose contact identity is the number.
	 * @param fromNumber the Twilio number, E.164
	 * @return the flow
	 * @throws PermanentFailure with {@link ErrorCode#FLEX_FLOW_NOT_FOUND} if there is
	 * none
	 */
	Flow find(String fromNumber) {
		Snapshot current = this.snapshot;
		if (current.isOlderThan(this.clock.instant().minus(this.properties.flowRefresh()))) {
			current = refresh(current);
		}
		Flow flow = current.flows().get(fromNumber);
		if (flow == null && current.isOlderThan(this.clock.instant().minus(this.properties.flowMissRefresh()))) {
			flow = refresh(current).flows().get(fromNumber);
		}
		return found(flow, fromNumber);
	}

	/**
	 * The number's flow after Twilio said that the flow known for it does not exist (it
	 * was deleted, and perhaps made again): the flows are read again unless that was done
	 * since the stale flow was handed out.
	 * @param fromNumber the Twilio number, E.164
	 * @param staleSid the flow Twilio said does not exist
	 * @return the flow now known for the number, the stale one if Twilio still lists it
	 * @throws PermanentFailure with {@link ErrorCode#FLEX_FLOW_NOT_FOUND} if there is
	 * none
	 */
	Flow refreshed(String fromNumber, String staleSid) {
		Snapshot current = this.snapshot;
		Flow known = current.flows().get(fromNumber);
		if (known == null || known.sid().equals(staleSid)) {
			current = refresh(current);
		}
		return found(current.flows().get(fromNumber), fromNumber);
	}

	private static Flow found(@Nullable Flow flow, String fromNumber) {
		if (flow == null) {
			throw new PermanentFailure(ErrorCode.FLEX_FLOW_NOT_FOUND,
					"no Flex Flow of integration type task for SMS has " + PhoneMask.mask(fromNumber)
							+ " as contact identity");
		}
		return flow;
	}

	/** Reads the flows unless another thread did so since {@code seen} was taken. */
	private synchronized Snapshot refresh(Snapshot seen) {
		if (this.snapshot != seen) {
			return this.snapshot;
		}
		Map<String, Flow> flows = new HashMap<>();
		try {
			for (FlexFlow flow : FlexFlow.reader().setPageSize(1000L).read(this.client)) {
				identity(flow).ifPresent(
						(number) -> flows.putIfAbsent(number, new Flow(flow.getSid(), flow.getChatServiceSid())));
			}
		}
		catch (TwilioException ex) {
			throw TwilioFailures.classify("reading the Flex Flows", ex);
		}
		this.snapshot = new Snapshot(Map.copyOf(flows), this.clock.instant());
		return this.snapshot;
	}

	private static Optional<String> identity(FlexFlow flow) {
		boolean task = flow.getIntegrationType() == FlexFlow.IntegrationType.TASK;
		boolean sms = flow.getChannelType() == null || flow.getChannelType() == FlexFlow.ChannelType.SMS;
		if (!task || !sms || flow.getContactIdentity() == null) {
			return Optional.empty();
		}
		String digits = flow.getContactIdentity().replaceAll("[^0-9]", "");
		return digits.isEmpty() ? Optional.empty() : Optional.of("+" + digits);
	}

	/**
	 * A Flex Flow as the legacy sequence needs it.
	 *
	 * @param sid the flow ({@code FO…})
	 * @param chatServiceSid the Chat service its channels are made in ({@code IS…})
	 */
	record Flow(String sid, String chatServiceSid) {
	}

	private record Snapshot(Map<String, Flow> flows, Instant readAt) {

		boolean isOlderThan(Instant limit) {
			return this.readAt.isBefore(limit);
		}

	}

}
