package com.outboundsms.worker.twilio;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.OutreachMode;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.PermanentFailure;
import com.outboundsms.worker.processing.PhoneMask;
import com.outboundsms.worker.processing.Sid;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.flexapi.v1.FlexFlow;
import org.jspecify.annotations.Nullable;

/**
 * The account's SMS Flex Flows by contact identity, for each mode: the task flow a task
 * outreach is made on, and the Studio flow a notify outreach is made on (an enabled one
 * first). Twilio cannot filter flows by number and rate-limits their list, so they are
 * read whole, kept, and read again only when the copy is old, a number is unknown (at
 * most once per {@code flowMissRefresh}), or Twilio says a flow handed out is gone.
 */
class FlexFlowDirectory {

	private final TwilioRestClient client;

	private final TwilioProperties properties;

	private final Clock clock;

	private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Instant.MIN);

	FlexFlowDirectory(TwilioRestClient client, TwilioProperties properties, Clock clock) {
		this.client = client;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The flow for SMS whose contact identity is the number that outreaches of a mode are
	 * made on.
	 * @param fromNumber the Twilio number, E.164
	 * @param mode {@link OutreachMode#TASK} for the task flow,
	 * {@link OutreachMode#NOTIFY} for the Studio flow
	 * @return the flow
	 * @throws PermanentFailure with {@link ErrorCode#FLEX_FLOW_NOT_FOUND} if there is no
	 * task flow, with {@link ErrorCode#NOTIFY_NOT_CONFIGURED} if there is no Studio flow
	 */
	Flow find(String fromNumber, OutreachMode mode) {
		Snapshot current = this.snapshot;
		if (current.isOlderThan(this.clock.instant().minus(this.properties.flowRefresh()))) {
			current = refresh(current);
		}
		Flow flow = current.flows(mode).get(fromNumber);
		if (flow == null && current.isOlderThan(this.clock.instant().minus(this.properties.flowMissRefresh()))) {
			flow = refresh(current).flows(mode).get(fromNumber);
		}
		return found(flow, fromNumber, mode);
	}

	/**
	 * The number's flow for a mode after Twilio said that the flow known for it does not
	 * exist (it was deleted, and perhaps made again): the flows are read again unless
	 * that was done since the stale flow was handed out.
	 * @param fromNumber the Twilio number, E.164
	 * @param staleSid the flow Twilio said does not exist
	 * @param mode the mode whose flow it was
	 * @return the flow now known for the number, the stale one if Twilio still lists it
	 * @throws PermanentFailure as {@link #find(String, OutreachMode)} does if there is
	 * none
	 */
	Flow refreshed(String fromNumber, String staleSid, OutreachMode mode) {
		Snapshot current = this.snapshot;
		Flow known = current.flows(mode).get(fromNumber);
		if (known == null || known.sid().equals(staleSid)) {
			current = refresh(current);
		}
		return found(current.flows(mode).get(fromNumber), fromNumber, mode);
	}

	private static Flow found(@Nullable Flow flow, String fromNumber, OutreachMode mode) {
		if (flow != null) {
			return flow;
		}
		if (mode == OutreachMode.NOTIFY) {
			throw new PermanentFailure(ErrorCode.NOTIFY_NOT_CONFIGURED,
					"no Flex Flow of integration type studio for SMS has " + PhoneMask.mask(fromNumber)
							+ " as contact identity: a notify request needs the number's Studio flow, whose"
							+ " \"Send to Flex\" makes the task when the customer replies");
		}
		throw new PermanentFailure(ErrorCode.FLEX_FLOW_NOT_FOUND, "no Flex Flow of integration type task for SMS has "
				+ PhoneMask.mask(fromNumber) + " as contact identity");
	}

	/** Reads the flows unless another thread did so since {@code seen} was taken. */
	private synchronized Snapshot refresh(Snapshot seen) {
		if (this.snapshot != seen) {
			return this.snapshot;
		}
		List<FlexFlow> listed = new ArrayList<>();
		try {
			FlexFlow.reader().setPageSize(1000L).read(this.client).forEach(listed::add);
		}
		catch (TwilioException ex) {
			throw TwilioFailures.classify("reading the Flex Flows", ex);
		}
		Map<String, Flow> tasks = new HashMap<>();
		Map<String, Flow> studios = new HashMap<>();
		for (FlexFlow flow : listed) {
			if (flow.getIntegrationType() == FlexFlow.IntegrationType.TASK) {
				identity(flow).ifPresent(
						(number) -> tasks.putIfAbsent(number, new Flow(flow.getSid(), flow.getChatServiceSid(), null)));
			}
		}
		// the enabled Studio flow of a number is the one its inbound messages go to
		listed.stream()
			.filter((flow) -> flow.getIntegrationType() == FlexFlow.IntegrationType.STUDIO)
			.sorted(Comparator.comparing((FlexFlow flow) -> !Boolean.TRUE.equals(flow.getEnabled())))
			.forEach((flow) -> identity(flow).ifPresent((number) -> studioFlowOf(flow).ifPresent((studio) -> studios
				.putIfAbsent(number, new Flow(flow.getSid(), flow.getChatServiceSid(), studio)))));
		this.snapshot = new Snapshot(Map.copyOf(tasks), Map.copyOf(studios), this.clock.instant());
		return this.snapshot;
	}

	private static Optional<String> identity(FlexFlow flow) {
		boolean sms = flow.getChannelType() == null || flow.getChannelType() == FlexFlow.ChannelType.SMS;
		if (!sms || flow.getContactIdentity() == null) {
			return Optional.empty();
		}
		String digits = flow.getContactIdentity().replaceAll("[^0-9]", "");
		return digits.isEmpty() ? Optional.empty() : Optional.of("+" + digits);
	}

	/**
	 * The Studio flow a Flex Flow of integration type studio hands messages to: Twilio
	 * requires one, and a flow without it cannot say where a reply goes.
	 */
	private static Optional<String> studioFlowOf(FlexFlow flow) {
		return (flow.getIntegration() instanceof Map<?, ?> integration
				&& integration.get("flow_sid") instanceof String sid && !sid.isBlank()) ? Optional.of(sid)
						: Optional.empty();
	}

	/**
	 * A Flex Flow as the legacy sequence needs it.
	 *
	 * @param sid the flow ({@code FO…})
	 * @param chatServiceSid the Chat service its channels are made in ({@code IS…})
	 * @param studioFlowSid the Studio flow ({@code FW…}) a Studio Flex Flow hands
	 * messages to; {@code null} for a task flow
	 */
	record Flow(String sid, String chatServiceSid, @Nullable String studioFlowSid) {

		/**
		 * An outreach's progress on this flow.
		 * @param progress the progress
		 * @return the progress naming this flow, its chat service, and its Studio flow if
		 * it has one
		 */
		OutreachProgress on(OutreachProgress progress) {
			return progress.with(Sid.FLEX_FLOW, this.sid)
				.with(Sid.CHAT_SERVICE, this.chatServiceSid)
				.with(Sid.STUDIO_FLOW, this.studioFlowSid);
		}

	}

	private record Snapshot(Map<String, Flow> taskFlows, Map<String, Flow> studioFlows, Instant readAt) {

		Map<String, Flow> flows(OutreachMode mode) {
			return (mode == OutreachMode.NOTIFY) ? this.studioFlows : this.taskFlows;
		}

		boolean isOlderThan(Instant limit) {
			return this.readAt.isBefore(limit);
		}

	}

}
