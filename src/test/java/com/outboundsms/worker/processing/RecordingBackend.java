package com.outboundsms.worker.processing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A backend that makes the legacy outreach step by step, checkpointing after each step
 * like the real ones, records what it was asked and can be scripted to fail at a step, to
 * run something before a step, to answer that the pair was already in a session, to have
 * the first message refused, to find outreaches closed, and to have an escalation start
 * from the notify outreach it escalates.
 */
final class RecordingBackend implements OutreachBackend {

	static final String NAME = "flex-legacy";

	private static final List<Sid> STEPS = List.of(Sid.FLEX_FLOW, Sid.CHAT_SERVICE, Sid.CHAT_CHANNEL, Sid.TASK,
			Sid.PROXY_SESSION, Sid.CHAT_MESSAGE);

	/** A notify outreach's steps, as flex-conversations makes them. */
	private static final List<Sid> NOTIFY_STEPS = List.of(Sid.CONVERSATION, Sid.PARTICIPANT, Sid.STUDIO_WEBHOOK,
			Sid.MESSAGE);

	private static final Map<Sid, String> PREFIXES = new EnumMap<>(Map.of(Sid.FLEX_FLOW, "FO", Sid.CHAT_SERVICE, "IS",
			Sid.CHAT_CHANNEL, "CH", Sid.TASK, "WT", Sid.PROXY_SESSION, "KC", Sid.CHAT_MESSAGE, "IM", Sid.CONVERSATION,
			"CH", Sid.PARTICIPANT, "MB", Sid.STUDIO_WEBHOOK, "WH", Sid.MESSAGE, "IM"));

	private final List<String> postedInto = new ArrayList<>();

	private final List<CreateCall> creates = new ArrayList<>();

	private final List<OutreachProgress> checkpoints = new ArrayList<>();

	private final List<OutreachProgress> openChecks = new ArrayList<>();

	private final Map<Sid, RuntimeException> failures = new EnumMap<>(Sid.class);

	private final Map<Sid, Runnable> beforeSteps = new EnumMap<>(Sid.class);

	private boolean open = true;

	private boolean carriesEscalations;

	private Outcome outcome = Outcome.CREATED;

	private @Nullable ErrorDetail messageRefusal;

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Creation create(OutboundSmsRequest request, OutreachProgress progress, Checkpoint checkpoint) {
		int serial = this.creates.size() + 1;
		this.creates.add(new CreateCall(request.requestId(), progress));
		OutreachProgress current = progress;
		for (Sid kind : (request.mode() == OutreachMode.NOTIFY) ? NOTIFY_STEPS : STEPS) {
			if (current.has(kind)) {
				continue;
			}
			Runnable before = this.beforeSteps.remove(kind);
			if (before != null) {
				before.run();
			}
			RuntimeException failure = this.failures.remove(kind);
			if (failure != null) {
				throw failure;
			}
			if (kind == Sid.CHAT_MESSAGE && this.messageRefusal != null) {
				// as the real backends do: the outreach exists, its message was refused
				return new Creation(this.outcome, current.attempting(kind), this.messageRefusal);
			}
			current = current.attempting(kind).with(kind, sid(kind, serial));
			checkpoint.save(current);
			this.checkpoints.add(current);
		}
		return new Creation(this.outcome, current);
	}

	@Override
	public String postInto(OutboundSmsRequest request, OutreachProgress open) {
		if (this.messageRefusal != null) {
			// as the real backends do when Twilio refuses the message
			throw PermanentFailure.after(this.messageRefusal, Map.of());
		}
		this.postedInto.add(request.requestId() + " into " + open.require(Sid.CONVERSATION));
		return "IM" + String.format("%032x", this.postedInto.size());
	}

	@Override
	public Map<Sid, String> escalationStart(OutreachProgress notify) {
		return this.carriesEscalations ? Map.of(Sid.CONVERSATION, notify.require(Sid.CONVERSATION)) : Map.of();
	}

	/**
	 * Makes an escalation start from the notify outreach's conversation, as flex-legacy
	 * starts from its channel.
	 */
	void carriesEscalations() {
		this.carriesEscalations = true;
	}

	/**
	 * The notify requests' messages posted into open outreaches.
	 * @return each as {@code requestId into conversationSid}
	 */
	List<String> postedInto() {
		return List.copyOf(this.postedInto);
	}

	@Override
	public boolean isOpen(OutreachProgress outreach) {
		this.openChecks.add(outreach);
		return this.open;
	}

	/**
	 * The SID this backend makes for a step of its n-th create.
	 * @param kind the step
	 * @param serial which create, from 1
	 * @return the SID
	 */
	static String sid(Sid kind, int serial) {
		return PREFIXES.get(kind) + String.format("%032x", serial * 100 + kind.ordinal());
	}

	/**
	 * Progress as this backend's n-th create would have made it, up to and including a
	 * step.
	 * @param serial which create
	 * @param last the last step made
	 * @return the progress
	 */
	static OutreachProgress madeUpTo(int serial, Sid last) {
		OutreachProgress progress = OutreachProgress.none();
		for (Sid kind : STEPS) {
			progress = progress.attempting(kind).with(kind, sid(kind, serial));
			if (kind == last) {
				break;
			}
		}
		return progress;
	}

	void failAt(Sid step, RuntimeException failure) {
		this.failures.put(step, failure);
	}

	void before(Sid step, Runnable action) {
		this.beforeSteps.put(step, action);
	}

	void refusesTheFirstMessage(ErrorDetail refusal) {
		this.messageRefusal = refusal;
	}

	void findsOutreachesClosed() {
		this.open = false;
	}

	void findsPairAlreadyInSession() {
		this.outcome = Outcome.REUSED;
	}

	List<CreateCall> creates() {
		return List.copyOf(this.creates);
	}

	List<OutreachProgress> checkpoints() {
		return List.copyOf(this.checkpoints);
	}

	List<OutreachProgress> openChecks() {
		return List.copyOf(this.openChecks);
	}

	record CreateCall(String requestId, OutreachProgress progress) {
	}

}
