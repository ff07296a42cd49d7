# syntax=docker/dockerfile:1
# looptool images, built by docker-compose.yml. Two runtime targets:
#   runtime-cpu   (default)  the jar with DJL's CPU libtorch, on a Java 17 JRE
#   runtime-cuda             the jar built with -Pcuda, libtorch 2.7.1+cu128, on the CUDA base image
#
#   docker build -t looptool:cpu .
#   docker build -t looptool:cuda --target runtime-cuda .

ARG MAVEN_IMAGE=maven:3.9.11-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:17.0.16_8-jre-noble
ARG CUDA_IMAGE=nvidia/cuda:12.8.1-base-ubuntu24.04

# ---- build: the reactor, tests skipped (CI runs them); ~/.m2 cached between builds -------------
FROM ${MAVEN_IMAGE} AS source
WORKDIR /src
COPY . .

FROM source AS build-cpu
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests package \
 && mkdir -p /out \
 && cp cli/target/looptool.jar /out/ \
 && cp -r cli/target/lib /out/lib

FROM source AS build-cuda
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -Pcuda package \
 && mkdir -p /out \
 && cp cli/target/looptool.jar /out/ \
 && cp -r cli/target/lib /out/lib

# ---- libtorch 2.7.1+cu128 for DJL (its pytorch-native-cu128 jar is not on Maven Central) ------
FROM ${CUDA_IMAGE} AS libtorch-cu128
ARG LIBTORCH_URL=https://download.pytorch.org/libtorch/cu128/libtorch-cxx11-abi-shared-with-deps-2.7.1%2Bcu128.zip
# Checksum of that archive as pinned by other public builds; override it with --build-arg if
# PyTorch republishes the file. An empty value skips the check.
ARG LIBTORCH_SHA256=ae513b437ae99150744ef1d06b02a4ecbbb9275c9ffe540c88909623e3293041
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl unzip \
 && curl -fsSL --retry 3 -o /tmp/libtorch.zip "${LIBTORCH_URL}" \
 && if [ -n "${LIBTORCH_SHA256}" ]; then echo "${LIBTORCH_SHA256}  /tmp/libtorch.zip" | sha256sum -c -; fi \
 && unzip -q /tmp/libtorch.zip 'libtorch/lib/*.so*' -d /opt \
 && rm -rf /tmp/libtorch.zip /var/lib/apt/lists/*

FROM ${JRE_IMAGE} AS jre

# ---- runtime-cuda ------------------------------------------------------------------------------
FROM ${CUDA_IMAGE} AS runtime-cuda
ENV JAVA_HOME=/opt/java/openjdk
ENV PATH="${JAVA_HOME}/bin:${PATH}"
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
# curl: the compose health check reads the worker's /metrics.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --create-home --home-dir /home/looptool looptool \
 && mkdir -p /var/lib/looptool/store \
 && chown looptool /var/lib/looptool/store
COPY --from=libtorch-cu128 /opt/libtorch/lib /opt/libtorch/lib
COPY --from=build-cuda /out/ /opt/looptool/
# DJL loads libtorch from PYTORCH_LIBRARY_PATH and the cu128 JNI glue from the pytorch-jni jar,
# so ai.djl.offline=true holds: nothing is downloaded at run time. DJL counts GPUs through the
# base image's libcudart (found via LD_LIBRARY_PATH); without it, it would pick the CPU.
ENV PYTORCH_LIBRARY_PATH=/opt/libtorch/lib \
    LD_LIBRARY_PATH=/usr/local/cuda/targets/x86_64-linux/lib:/usr/local/nvidia/lib:/usr/local/nvidia/lib64 \
    PYTORCH_VERSION=2.7.1 \
    PYTORCH_FLAVOR=cu128 \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility \
    OPT_OUT_TRACKING=true \
    LOOPTOOL_STORE=/var/lib/looptool/store \
    LOOPTOOL_METRICS_PORT=9464 \
    JDK_JAVA_OPTIONS=-XX:MaxRAMPercentage=75.0
USER looptool
WORKDIR /home/looptool
EXPOSE 9464
ENTRYPOINT ["java", "-Dai.djl.offline=true", "-jar", "/opt/looptool/looptool.jar"]
CMD ["--help"]

# ---- runtime-cpu (last, so a plain `docker build .` gives it) ---------------------------------
FROM ${JRE_IMAGE} AS runtime-cpu
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --create-home --home-dir /home/looptool looptool \
 && mkdir -p /var/lib/looptool/store \
 && chown looptool /var/lib/looptool/store
COPY --from=build-cpu /out/ /opt/looptool/
# The JVM may use most of the container's memory: a worker is the container's only process.
ENV OPT_OUT_TRACKING=true \
    LOOPTOOL_STORE=/var/lib/looptool/store \
    LOOPTOOL_METRICS_PORT=9464 \
    JDK_JAVA_OPTIONS=-XX:MaxRAMPercentage=75.0
USER looptool
WORKDIR /home/looptool
EXPOSE 9464
ENTRYPOINT ["java", "-Dai.djl.offline=true", "-jar", "/opt/looptool/looptool.jar"]
CMD ["--help"]
