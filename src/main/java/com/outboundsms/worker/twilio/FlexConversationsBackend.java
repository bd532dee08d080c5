package com.outboundsms.worker.twilio;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.OutreachBackend;
import com.outboundsms.worker.processing.OutreachMode;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.PermanentFailure;
import com.outboundsms.worker.processing.Sid;
import com.outboundsms.worker.processing.TransientFailure;
import com.outboundsms.worker.twilio.FlexConversations.ChannelState;
import com.outboundsms.worker.twilio.FlexConversations.CustomerConversation;
import com.outboundsms.worker.twilio.FlexConversations.MadeInteraction;
import org.jspecify.annotations.Nullable;

/**
 * The flex-conversations sequence, made safe to repeat against Twilio's asynchronous
 * interactions: the customer is looked up first (an open conversation on the number is
 * reused and nothing is made); one Interaction is created, its task marked with the
 * outreach's id; the customer is seen in its conversation before anything is posted or
 * {@code CREATED} answered (an interaction Twilio could not add the customer to is
 * closed, and the customer's conversation reused); then the first message is posted at
 * most once. A conversation found after a create whose answer was lost is this outreach's
 * only when its interaction's task carries this outreach's id.
 */
class FlexConversationsBackend implements OutreachBackend {

	static final String NAME = "flex-conversations";

	/** Twilio's "Participant Already In Interaction": an error, or a failed channel. */
	static final int ALREADY_IN_INTERACTION = 80102;

	private final FlexConversations twilio;

	private final InteractionRequests requests;

	private final SetupWait setupWait;

	private final SenderPacing senders;

	private final NotifyConversation notify;

	FlexConversationsBackend(FlexConversations twilio, InteractionRequests requests, SetupWait setupWait,
			SenderPacing senders, NotifyProperties notify) {
		this.twilio = twilio;
		this.requests = requests;
		this.setupWait = setupWait;
		this.senders = senders;
		this.notify = new NotifyConversation(twilio, notify, senders);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Creation create(OutboundSmsRequest request, OutreachProgress progress, Checkpoint checkpoint) {
		if (request.mode() == OutreachMode.NOTIFY) {
			return this.notify.create(request, progress, checkpoint);
		}
		boolean messageAttemptedBefore = progress.wasAttempted(Sid.MESSAGE);
		Step step = new Pass(request, checkpoint, progress.wasAttempted(Sid.INTERACTION)).withConversation(progress);
		if (step.reused()) {
			// the customer already talks to this number in a conversation not made here
			return new Creation(Outcome.REUSED, step.progress());
		}
		OutreachProgress ours = step.progress();
		FirstMessage.Result message = FirstMessage.ensure(request, ours, messageAttemptedBefore, checkpoint,
				Sid.MESSAGE,
				this.senders.paced(request.fromNumber(), this.twilio.messages(ours.require(Sid.CONVERSATION))));
		return new Creation(Outcome.CREATED, message.progress(), message.error());
	}

	@Override
	public String postInto(OutboundSmsRequest request, OutreachProgress open) {
		return this.notify.postInto(request, open);
	}

	@Override
	public boolean isOpen(OutreachProgress outreach) {
		return outreach.sid(Sid.CONVERSATION).map(this.twilio::isOpen).orElse(false);
	}

	/** One attempt at making the request's conversation exist. */
	private final class Pass {

		private final OutboundSmsRequest request;

		private final Checkpoint checkpoint;

		/** Whether a pass before this one (which may have died) sent a create. */
		private final boolean attemptedBefore;

		Pass(OutboundSmsRequest request, Checkpoint checkpoint, boolean attemptedBefore) {
			this.request = request;
			this.checkpoint = checkpoint;
			this.attemptedBefore = attemptedBefore;
		}

		Step withConversation(OutreachProgress progress) {
			if (progress.has(Sid.CONVERSATION)) {
				// the customer was seen in it (or the row predates that look)
				return new Step(progress, false);
			}
			if (progress.has(Sid.INTERACTION)) {
				return confirm(progress, null, true);
			}
			Optional<CustomerConversation> holder = customersConversation();
			if (holder.isPresent() && !holder.get().awaitsAnAgent()) {
				return settleOn(holder.get(), progress);
			}
			// a notify conversation no agent took up yet gets the agent's task, so the
			// agent sees the reminder
			String existing = holder.map(CustomerConversation::conversationSid).orElse(null);
			OutreachProgress attempting = progress.attempting(Sid.INTERACTION);
			if (!this.attemptedBefore) {
				this.checkpoint.save(attempting);
			}
			MadeInteraction made;
			try {
				made = FlexConversationsBackend.this.twilio.create(
						(existing != null) ? FlexConversationsBackend.this.requests.existingChannel(existing)
								: FlexConversationsBackend.this.requests.channel(this.request),
						FlexConversationsBackend.this.requests.routing(this.request, progress.outreachId()));
			}
			catch (PermanentFailure refused) {
				if (!refused.twilioCode().equals(Optional.of(ALREADY_IN_INTERACTION))) {
					throw refused;
				}
				// the customer's conversation appeared since the look-up
				return settleOn(customersConversation().orElseThrow(() -> new TransientFailure(
						"Twilio answered 80102 but the customer's open "
								+ "conversation was not found (it may have just closed)",
						ALREADY_IN_INTERACTION, refused.twilioStatus().orElse(null), refused)), attempting);
			}
			return confirm(attempting.with(Sid.INTERACTION, made.sid())
				.with(Sid.INTERACTION_CHANNEL, made.channelSid())
				.with(Sid.TASK, made.taskSid()), (existing != null) ? existing : made.conversationSid(), false);
		}

		/**
		 * Waits until the customer is in the interaction's conversation, or until Twilio
		 * shows it never will be. A permanent failure on the way closes the interaction's
		 * channel, so that no task is left for an agent.
		 */
		private Step confirm(OutreachProgress made, @Nullable String answeredConversation, boolean stored) {
			Verdict verdict;
			try {
				verdict = awaitSetup(made, answeredConversation, stored);
			}
			catch (PermanentFailure failure) {
				throw closing(made, failure);
			}
			if (verdict.kind() == Verdict.Kind.CUSTOMER_IN_IT) {
				OutreachProgress ours = FirstMessage.announced(this.request,
						made.with(Sid.CONVERSATION, verdict.conversationSid()), Sid.MESSAGE);
				if (this.request.initialNotificationMessage() != null) {
					// the message, written as attempted before it is posted; without one,
					// the outreach is opened next with these SIDs, and a pass after a
					// crash
					// in between finds the conversation by its task
					this.checkpoint.save(ours);
				}
				return new Step(ours, false);
			}
			if (verdict.kind() == Verdict.Kind.CUSTOMER_ELSEWHERE) {
				return elsewhere(made, Objects.requireNonNull(verdict.channel()));
			}
			if (verdict.kind() == Verdict.Kind.FAILED) {
				throw closing(made, channelFailed(Objects.requireNonNull(verdict.channel())));
			}
			throw new PermanentFailure(ErrorCode.TWILIO_REJECTED,
					"the interaction's channel was closed before the customer was seen in its conversation");
		}

		private Verdict awaitSetup(OutreachProgress made, @Nullable String answeredConversation, boolean stored) {
			// a retry resumes from the interaction's SIDs and creates nothing
			Runnable save = stored ? () -> {
			} : () -> this.checkpoint.save(made);
			return FlexConversationsBackend.this.setupWait.until(() -> look(made, answeredConversation), save);
		}

		/**
		 * One look at the interaction: whether the customer is in its conversation, and
		 * only when not, its channel; empty while Twilio is still setting it up. The
		 * customer seen in the interaction's own conversation means the setup is done, so
		 * the usual look is one call.
		 */
		private Optional<Verdict> look(OutreachProgress made, @Nullable String answeredConversation) {
			String interactionSid = made.require(Sid.INTERACTION);
			Optional<CustomerConversation> holder = customersConversation();
			boolean ours = holder.isPresent() && ours(holder.get(), interactionSid, answeredConversation);
			if (ours) {
				return Optional.of(new Verdict(Verdict.Kind.CUSTOMER_IN_IT, null, holder.get().conversationSid()));
			}
			ChannelState channel = FlexConversationsBackend.this.twilio.channel(interactionSid,
					made.require(Sid.INTERACTION_CHANNEL));
			if (channel.failed()) {
				boolean elsewhere = Integer.valueOf(ALREADY_IN_INTERACTION).equals(channel.errorCode());
				return Optional
					.of(new Verdict(elsewhere ? Verdict.Kind.CUSTOMER_ELSEWHERE : Verdict.Kind.FAILED, channel, null));
			}
			if (channel.closed()) {
				return Optional.of(new Verdict(Verdict.Kind.CLOSED, channel, null));
			}
			if (channel.settingUp()) {
				return Optional.empty();
			}
			if (holder.isEmpty()) {
				// Twilio may have finished the setup between the two looks
				holder = customersConversation();
				if (holder.isEmpty()) {
					return Optional.empty();
				}
				ours = ours(holder.get(), interactionSid, answeredConversation);
			}
			return Optional.of(new Verdict(ours ? Verdict.Kind.CUSTOMER_IN_IT : Verdict.Kind.CUSTOMER_ELSEWHERE,
					channel, holder.get().conversationSid()));
		}

		/**
		 * Whether the customer's conversation is the interaction's: its attributes name
		 * the interaction, or the create answered with it, or the interaction's task
		 * names it.
		 */
		private boolean ours(CustomerConversation holder, String interactionSid,
				@Nullable String answeredConversation) {
			return holder.belongsTo(interactionSid) || holder.conversationSid().equals(answeredConversation)
					|| holder.conversationSid().equals(conversationOf(interactionSid));
		}

		/**
		 * The customer is in another conversation (Twilio's asynchronous 80102): this
		 * interaction is closed, and the conversation holding the customer settled on.
		 */
		private Step elsewhere(OutreachProgress made, ChannelState channel) {
			if (!channel.closed()) {
				close(made);
			}
			Optional<CustomerConversation> holder = customersConversation();
			if (holder.isEmpty()) {
				// the holder closed meanwhile: the next attempt starts again
				this.checkpoint.save(new OutreachProgress(made.outreachId(), Map.of(), made.attempted()));
				throw new TransientFailure("the customer was in another conversation, which closed meanwhile",
						ALREADY_IN_INTERACTION, null, null);
			}
			return settleOn(holder.get(), made);
		}

		/**
		 * Settles on the conversation the customer is in: this outreach's own when an
		 * earlier pass made it (its answer lost) and its interaction's task carries this
		 * outreach's id, else someone else's, reused with nothing posted.
		 */
		private Step settleOn(CustomerConversation holder, OutreachProgress progress) {
			Map<Sid, String> sids = new EnumMap<>(Sid.class);
			sids.put(Sid.CONVERSATION, holder.conversationSid());
			if (holder.interactionSid() != null) {
				sids.put(Sid.INTERACTION, holder.interactionSid());
			}
			if (holder.interactionChannelSid() != null) {
				sids.put(Sid.INTERACTION_CHANNEL, holder.interactionChannelSid());
			}
			Optional<FlexConversations.InteractionTask> ours = ownTask(holder, progress.outreachId());
			if (ours.isEmpty()) {
				return new Step(new OutreachProgress(progress.outreachId(), sids, progress.attempted()), true);
			}
			if (ours.get().sid() != null) {
				sids.put(Sid.TASK, ours.get().sid());
			}
			OutreachProgress adopted = FirstMessage.announced(this.request,
					new OutreachProgress(progress.outreachId(), sids, progress.attempted()), Sid.MESSAGE);
			this.checkpoint.save(adopted);
			return new Step(adopted, false);
		}

		/**
		 * The task of the conversation's interaction, when it carries this outreach's id:
		 * only a pass after one that sent a create can find such a task.
		 */
		private Optional<FlexConversations.InteractionTask> ownTask(CustomerConversation holder, String outreachId) {
			if (!this.attemptedBefore || outreachId.isEmpty() || holder.interactionSid() == null) {
				return Optional.empty();
			}
			return FlexConversationsBackend.this.twilio.task(holder.interactionSid())
				.filter((task) -> outreachId.equals(task.outreachId()));
		}

		private @Nullable String conversationOf(String interactionSid) {
			return FlexConversationsBackend.this.twilio.task(interactionSid)
				.map(FlexConversations.InteractionTask::conversationSid)
				.orElse(null);
		}

		private Optional<CustomerConversation> customersConversation() {
			return FlexConversationsBackend.this.twilio.openConversation(this.request.toNumber(),
					this.request.fromNumber());
		}

		/**
		 * Closes the interaction's channel before a permanent failure ends the outreach.
		 * When it cannot be closed now, the request is retried instead, from the
		 * interaction's SIDs, so that a later attempt closes it.
		 */
		private PermanentFailure closing(OutreachProgress made, PermanentFailure failure) {
			try {
				close(made);
			}
			catch (PermanentFailure refused) {
				failure.addSuppressed(refused);
			}
			catch (RuntimeException unreachable) {
				unreachable.addSuppressed(failure);
				this.checkpoint.save(made);
				throw unreachable;
			}
			return failure;
		}

		private void close(OutreachProgress made) {
			FlexConversationsBackend.this.twilio.closeChannel(made.require(Sid.INTERACTION),
					made.require(Sid.INTERACTION_CHANNEL));
		}

		private PermanentFailure channelFailed(ChannelState channel) {
			return new PermanentFailure(ErrorCode.TWILIO_REJECTED,
					"Twilio could not set the interaction up: its channel failed with code " + channel.errorCode()
							+ " (" + TwilioFailures.masked(channel.errorMessage()) + ")",
					channel.errorCode(), null, null);
		}

	}

	/**
	 * How far a pass got.
	 *
	 * @param progress the outreach's progress, with its conversation
	 * @param reused whether the conversation is someone else's
	 */
	private record Step(OutreachProgress progress, boolean reused) {
	}

	/**
	 * What a look at a set-up interaction showed.
	 *
	 * @param kind where the customer is
	 * @param channel the interaction's channel, unless the customer was seen in its
	 * conversation without a look at it
	 * @param conversationSid the conversation the customer is in, when seen
	 */
	private record Verdict(Kind kind, @Nullable ChannelState channel, @Nullable String conversationSid) {

		enum Kind {

			/** The customer is in the interaction's conversation. */
			CUSTOMER_IN_IT,
			/** The customer is in another conversation on the number. */
			CUSTOMER_ELSEWHERE,
			/** Twilio could not set the interaction up, for another reason. */
			FAILED,
			/** The channel was closed before the customer was seen in it. */
			CLOSED

		}

	}

}
