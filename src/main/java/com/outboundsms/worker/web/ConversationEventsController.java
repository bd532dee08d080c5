package com.outboundsms.worker.web;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.outboundsms.worker.processing.OutreachStore;
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

	private final OutreachStore store;

	ConversationEventsController(WebhookProperties webhooks, TwilioProperties twilio, OutreachStore store) {
		this.signatures = TwilioSignatures.conversationEvents(webhooks, twilio);
		this.store = store;
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
			return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
		}
		String conversation = event.get("ConversationSid");
		// inactive is a state a conversation leaves again: only closed frees the pair
		if ("onConversationStateUpdated".equals(event.get("EventType")) && "closed".equals(event.get("StateTo"))
				&& conversation != null) {
			boolean closed = this.store.closeConversation(conversation);
			logger.info("Twilio closed conversation {}: {}", conversation,
					closed ? "its pair's outreach is closed" : "no open outreach has it");
		}
		else {
			logger.debug("Ignored conversation event {} of {} to {}", event.get("EventType"), conversation,
					event.get("StateTo"));
		}
		// also for a conversation not ours: Twilio would only retry an error
		return ResponseEntity.noContent().build();
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
