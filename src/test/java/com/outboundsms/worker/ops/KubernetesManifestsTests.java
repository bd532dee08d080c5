package com.outboundsms.worker.ops;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.outboundsms.worker.inbound.ConsumptionProperties;
import com.outboundsms.worker.inbound.InboundProperties;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests fit the worker: the probes are its health groups, the grace
 * period outlasts its shutdown, KEDA watches its request queue, credentials come from a
 * Secret, and the selectors find the pods.
 */
class KubernetesManifestsTests {

	private static final Path DIRECTORY = Path.of("ops/kubernetes");

	private final List<Map<String, Object>> resources = resources();

	private final Properties application = application();

	@Test
	void kustomizationListsADeploymentServiceBudgetAndScaledObject() {
		assertThat(this.resources).extracting((resource) -> resource.get("kind"))
			.containsExactlyInAnyOrder("Deployment", "Service", "PodDisruptionBudget", "ScaledObject",
					"TriggerAuthentication", "TriggerAuthentication");
		assertThat(at(deployment(), "spec.replicas")).isEqualTo(2);
	}

	@Test
	void probesAreTheWorkersLivenessAndReadinessGroups() {
		Map<String, Object> container = container();

		assertThat(at(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat(at(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat(at(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
		assertThat(this.application).containsEntry("management.endpoint.health.probes.enabled", "true")
			.containsKeys("management.endpoint.health.group.liveness.include",
					"management.endpoint.health.group.readiness.include");
		assertThat(this.application.getProperty("management.endpoints.web.exposure.include")).contains("health");
		List<Map<String, Object>> ports = list(container.get("ports"));
		assertThat(ports).extracting((port) -> port.get("name")).contains(at(container, "livenessProbe.httpGet.port"));
	}

	@Test
	void gracePeriodOutlastsTheShutdown() throws Exception {
		Duration phase = DurationStyle
			.detectAndParse(this.application.getProperty("spring.lifecycle.timeout-per-shutdown-phase"));
		Duration inFlight = DurationStyle.detectAndParse(defaultOf(ConsumptionProperties.class, "shutdownTimeout"));

		assertThat(Duration
			.ofSeconds(((Number) at(deployment(), "spec.template.spec.terminationGracePeriodSeconds")).longValue()))
			.isGreaterThan(phase);
		assertThat(phase).isGreaterThan(inFlight);
	}

	@Test
	void kedaScalesTheDeploymentOnTheRequestQueueLength() throws Exception {
		Map<String, Object> scaled = ofKind("ScaledObject");
		Map<String, Object> trigger = list(at(scaled, "spec.triggers")).get(0);

		assertThat(at(scaled, "spec.scaleTargetRef.name")).isEqualTo(at(deployment(), "metadata.name"));
		assertThat(trigger.get("type")).isEqualTo("rabbitmq");
		assertThat(at(trigger, "metadata.mode")).isEqualTo("QueueLength");
		assertThat(at(trigger, "metadata.queueName")).isEqualTo(defaultOf(InboundProperties.class, "queue"));
		assertThat(at(trigger, "authenticationRef.name"))
			.isEqualTo(at(ofKind("TriggerAuthentication"), "metadata.name"));
		assertThat(at(scaled, "spec.minReplicaCount")).isEqualTo(at(deployment(), "spec.replicas"));
	}

	@Test
	void kedaScalesTheDeploymentOnTheBulkLanesQueuesSummedToo() throws Exception {
		Map<String, Object> trigger = list(at(ofKind("ScaledObject"), "spec.triggers")).get(1);
		String bulkQueue = defaultOf(InboundProperties.class, "bulkQueue");
		java.util.regex.Pattern queues = java.util.regex.Pattern.compile((String) at(trigger, "metadata.queueName"));

		assertThat(trigger.get("type")).isEqualTo("rabbitmq");
		assertThat(at(trigger, "metadata.mode")).isEqualTo("QueueLength");
		// the bulk lane's queue and its fair shares, not the interactive queue
		assertThat(at(trigger, "metadata.useRegex")).isEqualTo("true");
		assertThat(at(trigger, "metadata.operation")).isEqualTo("sum");
		assertThat(at(trigger, "metadata.protocol")).isEqualTo("http");
		assertThat(List.of(bulkQueue, bulkQueue + ".share.0", bulkQueue + ".share.7"))
			.allSatisfy((queue) -> assertThat(queues.matcher(queue).matches()).as(queue).isTrue());
		assertThat(queues.matcher(defaultOf(InboundProperties.class, "queue")).matches()).isFalse();
		assertThat(this.resources).filteredOn((resource) -> "TriggerAuthentication".equals(resource.get("kind")))
			.extracting((resource) -> at(resource, "metadata.name"))
			.contains(at(trigger, "authenticationRef.name"));
	}

	@Test
	void secretsComeFromTheSecretAndNoneIsWrittenDown() {
		List<Map<String, Object>> env = list(container().get("env"));

		assertThat(env)
			.filteredOn((variable) -> String.valueOf(variable.get("name"))
				.matches("TWILIO_(ACCOUNT_SID|API_KEY|API_SECRET|AUTH_TOKEN)|.*(PASSWORD|USERNAME|SECRET|TOKEN)"))
			.hasSizeGreaterThanOrEqualTo(5)
			.allSatisfy((variable) -> assertThat(variable).doesNotContainKey("value")
				.extractingByKey("valueFrom")
				.satisfies((from) -> assertThat(at(from, "secretKeyRef.name")).isEqualTo("outbound-sms-worker")));
		assertThat(this.resources).extracting((resource) -> resource.get("kind")).doesNotContain("Secret");
	}

	@Test
	void serviceAndBudgetSelectThePods() {
		Object podLabels = at(deployment(), "spec.template.metadata.labels");

		assertThat(at(ofKind("Service"), "spec.selector")).isEqualTo(podLabels);
		assertThat(at(ofKind("PodDisruptionBudget"), "spec.selector.matchLabels")).isEqualTo(podLabels);
		assertThat(at(deployment(), "spec.selector.matchLabels")).isEqualTo(podLabels);
		assertThat(((Number) at(ofKind("PodDisruptionBudget"), "spec.minAvailable")).intValue())
			.isLessThan(((Number) at(deployment(), "spec.replicas")).intValue());
	}

	private Map<String, Object> deployment() {
		return ofKind("Deployment");
	}

	private Map<String, Object> container() {
		return list(at(deployment(), "spec.template.spec.containers")).get(0);
	}

	private Map<String, Object> ofKind(String kind) {
		return this.resources.stream()
			.filter((resource) -> kind.equals(resource.get("kind")))
			.findFirst()
			.orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private static Object at(Object node, String path) {
		Object current = node;
		for (String key : path.split("\\.")) {
			assertThat(current).as("parent of %s in %s", key, path).isInstanceOf(Map.class);
			current = ((Map<String, Object>) current).get(key);
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object node) {
		return (List<Map<String, Object>>) node;
	}

	/** A settings record's default, as its {@code @DefaultValue} says. */
	private static String defaultOf(Class<? extends Record> settings, String component) throws Exception {
		RecordComponent[] components = settings.getRecordComponents();
		Constructor<?> canonical = settings
			.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
		Parameter[] parameters = canonical.getParameters();
		for (int i = 0; i < components.length; i++) {
			if (components[i].getName().equals(component)) {
				return parameters[i].getAnnotation(DefaultValue.class).value()[0];
			}
		}
		throw new IllegalArgumentException(settings.getSimpleName() + " has no " + component);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> resources() {
		try (Reader kustomization = Files.newBufferedReader(DIRECTORY.resolve("kustomization.yaml"))) {
			List<String> files = (List<String>) new Yaml().<Map<String, Object>>load(kustomization).get("resources");
			List<Map<String, Object>> resources = new ArrayList<>();
			for (String file : files) {
				try (Reader reader = Files.newBufferedReader(DIRECTORY.resolve(file))) {
					new Yaml().loadAll(reader).forEach((document) -> resources.add((Map<String, Object>) document));
				}
			}
			return resources;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the manifests in " + DIRECTORY, ex);
		}
	}

	private static Properties application() {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read application.properties", ex);
		}
		return properties;
	}

}
