package com.outboundsms.worker.web;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.outboundsms.worker.processing.OutreachStore;
import com.outboundsms.worker.processing.WorkerMetrics;
import com.outboundsms.worker.twilio.TwilioProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code POST /v1/twilio/conversation-events}: Twilio's
 * {@code onConversationStateUpdated} post-event webhook. A conversation reported
 * {@code closed} frees the pair whose open outreach it was, so that the pair's next
 * request makes a new outreach without asking Twilio first. Twilio's signature is the
 * only credential (Twilio cannot send the door's); anything unsigned is answered
 * {@code 403}, and the whole webhook {@code 404} unless its URL is configured.
 */
@RestController
class ConversationEventsController {

	static final String PATH = "/v1/twilio/conversation-events";

	static final String SIGNATURE = "X-Twilio-Signature";

	private static final Logger logger = LoggerFactory.getLogger(ConversationEventsController.class);

	private final Optional<TwilioSignatures> signatures;

	private static final Set<String> STATES = Set.of("active", "inactive", "closed");

	private final OutreachStore store;

	private final WorkerMetrics metrics;

	ConversationEventsController(WebhookProperties webhooks, TwilioProperties twilio, OutreachStore store,
			WorkerMetrics metrics) {
		this.signatures = TwilioSignatures.conversationEvents(webhooks, twilio);
		this.store = store;
		this.metrics = metrics;
	}

	@PostMapping(PATH)
	ResponseEntity<Void> conversationEvent(HttpServletRequest http,
			@RequestHeader(name = SIGNATURE, required = false) @Nullable String signature) {
		if (this.signatures.isEmpty()) {
			return ResponseEntity.notFound().build();
		}
		Map<String, String> event = bodyParameters(http);
		if (!this.signatures.get().signed(event, signature)) {
			// what an operator needs when every event is refused: a URL that differs from
			// the one Twilio calls, or another account's token (neither the signature nor
			// the token is logged)
			logger.warn("Refused a conversation event from {}: {}", http.getRemoteAddr(), (signature == null)
					? "no X-Twilio-Signature" : "X-Twilio-Signature does not match the configured URL and auth token");
			this.metrics.conversationEvent("other", "refused");
			return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
		}
		String conversation = event.get("ConversationSid");
		String state = stateOf(event);
		boolean closed = false;
		// inactive is a state a conversation leaves again: only closed frees the pair
		if (state.equals("closed") && conversation != null) {
			closed = this.store.closeConversation(conversation);
			logger.info("Twilio closed conversation {}: {}", conversation,
					closed ? "its pair's outreach is closed" : "no open outreach has it");
		}
		else {
			logger.debug("Ignored conversation event {} of {} to {}", event.get("EventType"), conversation,
					event.get("StateTo"));
		}
		this.metrics.conversationEvent(state, closed ? "closed" : "ignored");
		// also for a conversation not ours: Twilio would only retry an error
		return ResponseEntity.noContent().build();
	}

	/**
	 * The state a state update reports, as one of a few tag values; {@code other} for
	 * anything else.
	 */
	private static String stateOf(Map<String, String> event) {
		String state = event.get("StateTo");
		boolean known = "onConversationStateUpdated".equals(event.get("EventType")) && state != null
				&& STATES.contains(state);
		return known ? state : "other";
	}

	/**
	 * The form parameters of the body, which Twilio signs with the URL; parameters of the
	 * URL's query are in the URL already.
	 */
	private static Map<String, String> bodyParameters(HttpServletRequest http) {
		Set<String> inQuery = (http.getQueryString() != null)
				? UriComponentsBuilder.newInstance().query(http.getQueryString()).build().getQueryParams().keySet()
				: Set.of();
		Map<String, String> parameters = new HashMap<>();
		http.getParameterMap().forEach((name, values) -> {
			if (!inQuery.contains(name) && values.length > 0) {
				parameters.put(name, values[0]);
			}
		});
		return parameters;
	}

}
