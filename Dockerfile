# The CSD Koper assistant in one image: the gateway, Rasa and the action server, model trained at build time.
# Only the gateway listens beyond loopback (HOST=0.0.0.0); Rasa and the actions stay on 127.0.0.1.
# (No Docker engine runs on the development machines; `make run` is the way to run it there.)
FROM python:3.10-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    TF_CPP_MIN_LOG_LEVEL=3 \
    RASA_TELEMETRY_ENABLED=false \
    HOST=0.0.0.0

RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt ./
RUN pip install pip==24.0 && pip install -r requirements.txt
COPY sl_csd_pipeline/ sl_csd_pipeline/
RUN pip install --no-deps ./sl_csd_pipeline && pip check

COPY . .
RUN python -m tools.generate_nlu \
    && rasa train --fixed-model-name csd --out models \
    && useradd --create-home --uid 10001 assistant \
    && chown -R assistant /app
USER assistant

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["python", "-m", "tools.stack"]
