# The CSD Koper assistant: one image for every role (gateway, rasa, actions, or all), chosen by ROLE.
# Build: docker build -t csd-koper-pomocnik .   Run: see docker-compose.yml and docs/deploy.md.

# --- build: dependencies, the Slovenian spaCy pipeline, and the model trained at build time -----------
FROM python:3.10-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 TF_CPP_MIN_LOG_LEVEL=3 RASA_TELEMETRY_ENABLED=false
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
# Only what runs: requirements.txt. The dev lock (pytest, ruff, playwright …) stays with developers and CI.
COPY requirements.txt ./
RUN pip install pip==26.3 && pip install -r requirements.txt
COPY sl_csd_pipeline/ sl_csd_pipeline/
RUN pip install --no-deps ./sl_csd_pipeline && pip check
COPY . .
RUN python -m tools.generate_nlu && rasa train --fixed-model-name csd --out models && rm -rf .rasa tools
# TensorFlow's C++ headers (176 MB) only build custom ops; nothing here compiles against them.
RUN rm -rf /opt/venv/lib/python3.10/site-packages/tensorflow/include

# --- run: the virtual environment and the project, as a non-root user ---------------------------------
FROM python:3.10-slim
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    TF_CPP_MIN_LOG_LEVEL=3 \
    RASA_TELEMETRY_ENABLED=false \
    ROLE=all \
    HOST=0.0.0.0 \
    DATA_DIR=/data
# pg_dump and pg_restore for ROLE=backup (runtime/backup.py): Debian's client, which dumps servers of its own
# major version and older (docs/deploy.md, "Backups").
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
# /backups: where ROLE=backup writes (BACKUP_DIR); a new volume mounted there takes its owner.
RUN useradd --create-home --uid 10001 assistant && mkdir /data /backups && chown assistant /data /backups
COPY --from=build /opt/venv /opt/venv
COPY --from=build --chown=assistant /app /app
WORKDIR /app
USER assistant
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=180s --retries=3 CMD ["python", "-m", "runtime.healthcheck"]
ENTRYPOINT ["python", "-m", "runtime.role"]
