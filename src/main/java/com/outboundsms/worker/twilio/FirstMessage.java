package com.outboundsms.worker.twilio;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.outboundsms.worker.processing.ErrorDetail;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.OutreachBackend.Checkpoint;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.PermanentFailure;
import com.outboundsms.worker.processing.Sid;
import org.jspecify.annotations.Nullable;

/**
 * Posts an outreach's first message at most once, for either backend: the message carries
 * a marker attribute, and when an earlier attempt's answer was lost the latest messages
 * are searched for it before anything is posted again. A message posted into a
 * conversation that already has a first message (a reminder into an open one, an
 * escalation's message under a reminder) carries its request's id instead.
 */
final class FirstMessage {

	static final String MARKER = "outboundSmsFirstMessage";

	/** The attribute naming the request whose message it is. */
	static final String REQUEST_MARKER = "outboundSmsRequestId";

	private static final Marker FIRST = new Marker("{\"" + MARKER + "\":true}", MARKER);

	private FirstMessage() {
	}

	/**
	 * Makes sure the request's first message, if it has one, is posted.
	 * @param request the request
	 * @param progress what is made so far
	 * @param attemptedBefore whether a pass before this one (which may have died) already
	 * tried to post it, so that it may be there
	 * @param checkpoint where progress is saved
	 * @param kind the SID kind of the message ({@link Sid#CHAT_MESSAGE} or
	 * {@link Sid#MESSAGE})
	 * @param messages the outreach's messages at Twilio
	 * @return the progress with the message's SID, or with why Twilio refused the message
	 * for good (the outreach exists all the same, and is not made again)
	 */
	static Result ensure(OutboundSmsRequest request, OutreachProgress progress, boolean attemptedBefore,
			Checkpoint checkpoint, Sid kind, Messages messages) {
		return ensure(request, progress, attemptedBefore, checkpoint, kind, messages, FIRST);
	}

	/**
	 * Makes sure the request's message, if it has one, is posted into a conversation that
	 * may hold another outreach's first message: as {@link #ensure}, the message marked
	 * with the request's id.
	 * @param request the request
	 * @param progress what is made so far
	 * @param attemptedBefore whether a pass before this one may have posted it
	 * @param checkpoint where progress is saved
	 * @param kind the SID kind of the message
	 * @param messages the conversation's messages at Twilio
	 * @return the progress with the message's SID, or with why Twilio refused it
	 */
	static Result ensureOwn(OutboundSmsRequest request, OutreachProgress progress, boolean attemptedBefore,
			Checkpoint checkpoint, Sid kind, Messages messages) {
		return ensure(request, progress, attemptedBefore, checkpoint, kind, messages, Marker.of(request));
	}

	/**
	 * Posts a notify request's message into an open conversation once per request id: the
	 * message carries the request's id, and one already there is the answer.
	 * @param request the notify request
	 * @param messages the conversation's messages, paced as the sender's
	 * @return the message's SID
	 */
	static String postOnce(OutboundSmsRequest request, Messages messages) {
		Marker marker = Marker.of(request);
		return marker.find(messages)
			.orElseGet(() -> messages.post(Objects.requireNonNull(request.initialNotificationMessage()),
					marker.attributes()));
	}

	private static Result ensure(OutboundSmsRequest request, OutreachProgress progress, boolean attemptedBefore,
			Checkpoint checkpoint, Sid kind, Messages messages, Marker marker) {
		String body = request.initialNotificationMessage();
		if (body == null || progress.has(kind)) {
			return new Result(progress, null);
		}
		if (attemptedBefore) {
			Optional<String> sent = marker.find(messages);
			if (sent.isPresent()) {
				OutreachProgress made = progress.with(kind, sent.get());
				checkpoint.save(made);
				return new Result(made, null);
			}
		}
		OutreachProgress attempting = progress.attempting(kind);
		if (!progress.wasAttempted(kind)) {
			checkpoint.save(attempting);
		}
		String sid;
		try {
			sid = messages.post(body, marker.attributes());
		}
		catch (PermanentFailure refused) {
			return new Result(attempting, refused.detail(1));
		}
		OutreachProgress made = attempting.with(kind, sid);
		checkpoint.save(made);
		return new Result(made, null);
	}

	/**
	 * The progress of the step before the first message, noting that the message is about
	 * to be posted, so that one commit says both.
	 * @param request the request
	 * @param progress the step's progress
	 * @param kind the SID kind of the message
	 * @return the progress, noting the message when the request has one
	 */
	static OutreachProgress announced(OutboundSmsRequest request, OutreachProgress progress, Sid kind) {
		if (request.initialNotificationMessage() == null || progress.has(kind)) {
			return progress;
		}
		return progress.attempting(kind);
	}

	/**
	 * An outreach's messages at Twilio, as one backend's API reaches them.
	 */
	interface Messages {

		/**
		 * The latest messages, newest first.
		 * @return up to a page of messages
		 */
		List<Posted> latest();

		/**
		 * Posts a message.
		 * @param body the text
		 * @param attributes the attributes JSON
		 * @return the message's SID
		 */
		String post(String body, String attributes);

	}

	/**
	 * How a message is marked, and how the mark is recognized among the latest messages.
	 *
	 * @param attributes the attributes JSON the message is posted with
	 * @param text what its attributes contain
	 */
	private record Marker(String attributes, String text) {

		static Marker of(OutboundSmsRequest request) {
			// request ids are [A-Za-z0-9._:-]: nothing in them needs escaping
			String attributes = "{\"" + REQUEST_MARKER + "\":\"" + request.requestId() + "\"}";
			return new Marker(attributes, attributes);
		}

		Optional<String> find(Messages messages) {
			return messages.latest()
				.stream()
				.filter((message) -> message.attributes() != null && message.attributes().contains(this.text))
				.map(Posted::sid)
				.findFirst();
		}

	}

	/**
	 * What became of the first message.
	 *
	 * @param progress the outreach's progress, with the message's SID when it was posted
	 * @param error why Twilio refused the message for good, or {@code null}
	 */
	record Result(OutreachProgress progress, @Nullable ErrorDetail error) {
	}

	/**
	 * A message already in the outreach.
	 *
	 * @param sid its SID
	 * @param attributes its attributes JSON, if any
	 */
	record Posted(String sid, String attributes) {
	}

}
