package com.outboundsms.worker.web;

import java.util.LinkedHashMap;
import java.util.Map;

import com.outboundsms.worker.outbound.ResultEventMessage;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.ResultEvent;
import com.outboundsms.worker.processing.StoredOutcome;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the answers that carry a result: the result event as the worker publishes it
 * (received, or rebuilt from the store for a request already done), and the stored state
 * of a request, each with the Function's resource objects for flex-legacy.
 */
class ResultAnswers {

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final JsonMapper json;

	private final FunctionResources resources;

	ResultAnswers(FunctionResources resources, JsonMapper json) {
		this.resources = resources;
		this.json = json;
	}

	Map<String, Object> received(Map<String, Object> event) {
		Map<String, Object> answer = new LinkedHashMap<>(event);
		this.resources.addTo(answer);
		return answer;
	}

	/**
	 * The result event the worker would publish again for a request already done, as it
	 * does for a redelivery.
	 */
	Map<String, Object> event(OutboundSmsRequest request, StoredOutcome outcome) {
		// through its bytes, so that it reads as the event a waiting caller receives
		Map<String, Object> answer = this.json
			.readValue(this.json.writeValueAsBytes(ResultEventMessage.of(ResultEvent.of(request, outcome, 1))), OBJECT);
		this.resources.addTo(answer);
		return answer;
	}

	Map<String, Object> completed(String requestId, StoredOutcome outcome) {
		Map<String, Object> answer = ResponseBodies.completed(requestId, outcome);
		this.resources.addTo(answer);
		return answer;
	}

}
