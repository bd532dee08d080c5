package com.outboundsms.worker.twilio;

import java.util.Map;
import java.util.Optional;

import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.OutreachBackend.Checkpoint;
import com.outboundsms.worker.processing.OutreachBackend.Creation;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.PermanentFailure;
import com.outboundsms.worker.processing.Sid;
import com.outboundsms.worker.processing.TransientFailure;
import com.outboundsms.worker.twilio.FlexConversations.CustomerConversation;
import com.outboundsms.worker.twilio.FlexConversations.CustomerElsewhere;

/**
 * The notify sequence on flex-conversations ("message now, task on reply"): a
 * conversation named after the outreach, the customer's SMS binding, a
 * conversation-scoped webhook to the Studio flow that makes the task when the customer
 * replies, and the message. Each create is checkpointed as attempted before it is sent
 * and, when a pass before this one attempted it, looked for before it is sent again: by
 * the conversation's unique name, the customer's binding, the flow's webhook, the
 * message's marker. A customer already in a conversation on the number (found first, or
 * Twilio's 50416) keeps it: the conversation made here is deleted and nothing is posted.
 */
final class NotifyConversation {

	/** The prefix of the unique name of a conversation an outreach made. */
	static final String NAME_PREFIX = "outbound-sms-";

	private final FlexConversations twilio;

	private final NotifyProperties settings;

	private final SenderPacing senders;

	NotifyConversation(FlexConversations twilio, NotifyProperties settings, SenderPacing senders) {
		this.twilio = twilio;
		this.settings = settings;
		this.senders = senders;
	}

	Creation create(OutboundSmsRequest request, OutreachProgress progress, Checkpoint checkpoint) {
		String flowSid = this.settings.studioFlowSid();
		if (flowSid == null || flowSid.isBlank()) {
			throw new PermanentFailure(ErrorCode.NOTIFY_NOT_CONFIGURED,
					"notify mode needs the Studio flow that makes the task on the customer's reply:"
							+ " set TWILIO_STUDIO_FLOW_SID");
		}
		boolean messageAttemptedBefore = progress.wasAttempted(Sid.MESSAGE);
		OutreachProgress made = progress;
		if (!made.has(Sid.CONVERSATION)) {
			String uniqueName = NAME_PREFIX + made.outreachId();
			// a pass before this one may have made it, its answer lost
			Optional<String> earlier = made.wasAttempted(Sid.CONVERSATION) ? this.twilio.conversationNamed(uniqueName)
					: Optional.empty();
			if (earlier.isEmpty()) {
				Optional<CustomerConversation> holder = this.twilio.openConversation(request.toNumber(),
						request.fromNumber());
				if (holder.isPresent()) {
					return reused(holder.get().conversationSid(), made);
				}
			}
			made = made.attempting(Sid.CONVERSATION);
			if (earlier.isEmpty()) {
				checkpoint.save(made);
			}
			String conversationSid = earlier.orElseGet(() -> this.twilio.createConversation(uniqueName,
					"{\"outboundSms\":{\"mode\":\"notify\",\"outreachId\":\"" + progress.outreachId() + "\"}}",
					this.settings));
			made = made.with(Sid.CONVERSATION, conversationSid);
			checkpoint.save(made);
		}
		String conversationSid = made.require(Sid.CONVERSATION);
		if (!made.has(Sid.PARTICIPANT)) {
			Optional<String> participant = made.wasAttempted(Sid.PARTICIPANT)
					? this.twilio.customerIn(conversationSid, request.toNumber()) : Optional.empty();
			if (participant.isEmpty()) {
				made = made.attempting(Sid.PARTICIPANT);
				checkpoint.save(made);
				try {
					participant = Optional
						.of(this.twilio.addCustomer(conversationSid, request.toNumber(), request.fromNumber()));
				}
				catch (CustomerElsewhere elsewhere) {
					return customerElsewhere(request, made, elsewhere);
				}
			}
			made = made.with(Sid.PARTICIPANT, participant.get());
			checkpoint.save(made);
		}
		if (!made.has(Sid.STUDIO_WEBHOOK)) {
			Optional<String> webhook = made.wasAttempted(Sid.STUDIO_WEBHOOK)
					? this.twilio.studioWebhook(conversationSid, flowSid) : Optional.empty();
			if (webhook.isEmpty()) {
				made = made.attempting(Sid.STUDIO_WEBHOOK);
				checkpoint.save(made);
				webhook = Optional.of(this.twilio.addStudioWebhook(conversationSid, flowSid));
			}
			made = FirstMessage.announced(request, made.with(Sid.STUDIO_WEBHOOK, webhook.get()), Sid.MESSAGE);
			checkpoint.save(made);
		}
		FirstMessage.Result message = FirstMessage.ensure(request, made, messageAttemptedBefore, checkpoint,
				Sid.MESSAGE, this.senders.paced(request.fromNumber(), this.twilio.messages(conversationSid)));
		return new Creation(Outcome.CREATED, message.progress(), message.error());
	}

	/**
	 * Posts a notify request's message into the pair's open notify conversation, once per
	 * request id: the message carries the request's id, and one already there is the
	 * answer.
	 * @param request the notify request
	 * @param open the open outreach
	 * @return the message's SID
	 */
	String postInto(OutboundSmsRequest request, OutreachProgress open) {
		return FirstMessage.postOnce(request,
				this.senders.paced(request.fromNumber(), this.twilio.messages(open.require(Sid.CONVERSATION))));
	}

	/**
	 * Twilio's 50416 on the binding: the conversation made here is deleted and the one
	 * holding the customer kept, with nothing posted.
	 */
	private Creation customerElsewhere(OutboundSmsRequest request, OutreachProgress made, CustomerElsewhere elsewhere) {
		String ours = made.require(Sid.CONVERSATION);
		this.twilio.deleteConversation(ours);
		Optional<String> holder = elsewhere.conversationSid()
			.or(() -> this.twilio.openConversation(request.toNumber(), request.fromNumber())
				.map(CustomerConversation::conversationSid));
		if (holder.isEmpty() || holder.get().equals(ours)) {
			throw new TransientFailure(
					"Twilio answered 50416 but the customer's open conversation was not found (it may have just closed)",
					TwilioFlexConversations.BINDING_IN_ANOTHER_CONVERSATION, null, elsewhere);
		}
		return reused(holder.get(), made);
	}

	private static Creation reused(String conversationSid, OutreachProgress progress) {
		return new Creation(Outcome.REUSED, new OutreachProgress(progress.outreachId(),
				Map.of(Sid.CONVERSATION, conversationSid), progress.attempted()));
	}

}
