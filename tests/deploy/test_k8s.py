"""The Kubernetes manifests as an operator would check them, on both overlays rendered in-process
(tools/kustomize.py; `make k8s` also validates them against Kubernetes' schemas). Starts nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest

from runtime.role import ROOT
from runtime.settings import Settings
from tools.kustomize import Manifest, containers, render

OVERLAYS = ROOT / "deploy" / "k8s" / "overlays"
IMAGE = re.compile(r"(^|/)(csd-koper-pomocnik|pomocnik):")  # the project's one image, under any registry
WORKLOADS = ("Deployment", "StatefulSet", "Job", "CronJob")
SECRET_NAME = re.compile(r"TOKEN|PASSWORD|SECRET|STORE_URL", re.IGNORECASE)
# Secrets as the pods get them from the Secret assistant-secrets, in the shape the settings accept.
PLACEHOLDERS = {"TRACKER_STORE_URL": "postgresql://rasa:x@db/rasa", "LOCK_STORE_URL": "redis://:x@redis:6379/1",
                "STAFF_PASSWORD": "twelve characters at least"}  # fmt: skip
OUR_ROLES = {"gateway", "rasa", "actions", "retention", "register-webhook", "backup"}


def rendered(overlay: str) -> dict[tuple[str, str], Manifest]:
    return {(m["kind"], m["metadata"]["name"]): m for m in render(OVERLAYS / overlay)}


@pytest.fixture(scope="module", params=["dev", "prod"])
def objects(request: pytest.FixtureRequest) -> dict[tuple[str, str], Manifest]:
    return rendered(request.param)


def pod_spec(manifest: Manifest) -> dict[str, Any]:
    spec = manifest["spec"]
    if manifest["kind"] == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    return spec["template"]["spec"]


def workloads(objects: dict[tuple[str, str], Manifest]) -> list[Manifest]:
    return [m for (kind, _), m in objects.items() if kind in WORKLOADS]


def ours(manifest: Manifest) -> bool:
    return any(IMAGE.search(c["image"]) for c in containers(manifest))


def config(objects: dict[tuple[str, str], Manifest]) -> dict[str, str]:
    return {**objects["ConfigMap", "assistant"]["data"], **objects["ConfigMap", "telegram"]["data"]}


def environment(objects: dict[tuple[str, str], Manifest], kind: str, name: str) -> dict[str, str]:
    """What the (first) container of a workload finds in its environment; a placeholder for each secret."""
    container = next(containers(objects[kind, name]))
    env = {}
    for source in container.get("envFrom", []):
        env.update(objects["ConfigMap", source["configMapRef"]["name"]]["data"])
    for variable in container.get("env", []):
        env[variable["name"]] = variable.get("value", PLACEHOLDERS.get(variable["name"], "placeholder-secret"))
    return env


def hpa_for(objects: dict[tuple[str, str], Manifest], kind: str, name: str) -> Manifest | None:
    for (object_kind, _), manifest in objects.items():
        target = manifest["spec"].get("scaleTargetRef", {}) if object_kind == "HorizontalPodAutoscaler" else {}
        if (target.get("kind"), target.get("name")) == (kind, name):
            return manifest
    return None


@pytest.mark.parametrize(
    ("kind", "name"), [("Deployment", "gateway"), ("StatefulSet", "rasa"), ("Deployment", "actions")]
)
def test_the_settings_are_ones_the_assistant_accepts(objects, kind: str, name: str) -> None:
    settings = Settings.from_env(environment(objects, kind, name))  # fails fast, as the pods would
    assert (settings.telegram_webhook_register, settings.retention_in_gateway) == (False, False)
    assert settings.data_dir == "/data"


def test_rasa_urls_name_exactly_the_statefulset_s_replicas(objects) -> None:
    rasa = objects["StatefulSet", "rasa"]
    service = objects["Service", rasa["spec"]["serviceName"]]
    assert service["spec"]["clusterIP"] == "None"  # headless: gives each pod its stable DNS name
    assert not service["spec"].get("publishNotReadyAddresses")  # a pod's name resolves only while it is ready
    (port,) = {p["containerPort"] for c in containers(rasa) for p in c["ports"]}
    expected = tuple(f"http://rasa-{i}.{service['metadata']['name']}:{port}" for i in range(rasa["spec"]["replicas"]))
    assert Settings.from_env(environment(objects, "Deployment", "gateway")).rasa_urls == expected
    assert rasa["spec"]["replicas"] >= 2 and rasa["spec"]["podManagementPolicy"] == "OrderedReady"
    assert rasa["spec"]["updateStrategy"]["type"] == "RollingUpdate"


def test_polling_runs_one_recreated_gateway_and_webhook_mode_scales(objects) -> None:
    gateway = objects["Deployment", "gateway"]
    hpa = hpa_for(objects, "Deployment", "gateway")
    if config(objects)["TELEGRAM_WEBHOOK_URL"]:
        assert gateway["spec"]["strategy"]["type"] == "RollingUpdate"
        assert hpa is not None and hpa["spec"]["minReplicas"] >= 2
        assert "replicas" not in gateway["spec"]  # the HPA's, never reset by an apply
        job = objects["Job", "register-webhook"]  # the webhook is registered once, by a job
        assert [c["args"] for c in containers(job)] == [["register-webhook"]]
    else:  # two pollers of one bot conflict: exactly one, stopped before its successor starts
        assert gateway["spec"]["replicas"] == 1 and gateway["spec"]["strategy"] == {"type": "Recreate"}
        assert hpa is None and ("Job", "register-webhook") not in objects


def test_the_action_server_scales_and_retention_runs_from_a_cronjob(objects) -> None:
    hpa = hpa_for(objects, "Deployment", "actions")
    assert hpa is not None and 2 <= hpa["spec"]["minReplicas"] < hpa["spec"]["maxReplicas"]
    assert "replicas" not in objects["Deployment", "actions"]["spec"]
    retention = objects["CronJob", "retention"]
    assert retention["spec"]["concurrencyPolicy"] == "Forbid"
    assert [c["args"] for c in containers(retention)] == [["retention"]]


def test_production_backs_up_nightly_after_retention_to_a_volume_of_its_own() -> None:
    prod = rendered("prod")
    backup, retention = prod["CronJob", "backup"], prod["CronJob", "retention"]
    assert backup["spec"]["concurrencyPolicy"] == "Forbid" and backup["spec"]["timeZone"] == "Europe/Ljubljana"
    minute, hour, *every_day = backup["spec"]["schedule"].split()
    retention_minute, retention_hour, *_ = retention["spec"]["schedule"].split()
    assert every_day == ["*", "*", "*"] and (int(hour), int(minute)) > (int(retention_hour), int(retention_minute))
    (container,) = containers(backup)
    assert container["args"] == ["backup"]
    settings = Settings.from_env(environment(prod, "CronJob", "backup"))  # fails fast, as the pod would
    assert settings.tracker_store_url.startswith("postgresql://") and settings.backup_keep >= 7
    volumes = {v["name"]: v for v in pod_spec(backup)["volumes"]}
    (mount,) = [m for m in container["volumeMounts"] if m["mountPath"] == settings.backup_dir]
    claim = volumes[mount["name"]]["persistentVolumeClaim"]["claimName"]
    assert ("PersistentVolumeClaim", claim) in prod
    policies = [m["spec"] for (kind, _), m in prod.items() if kind == "NetworkPolicy"]
    to_database = [p for p in policies for rule in p.get("egress", []) for port in rule.get("ports", [])
                   if port["port"] == 5432]  # fmt: skip
    (clients,) = [e for p in to_database for e in p["podSelector"]["matchExpressions"]]
    assert "backup" in clients["values"]


def test_probes(objects) -> None:
    for manifest in workloads(objects):
        if manifest["kind"] in ("Job", "CronJob"):
            continue
        for container in containers(manifest):
            assert {"readinessProbe", "livenessProbe"} <= set(container), manifest["metadata"]["name"]
    (rasa,) = containers(objects["StatefulSet", "rasa"])
    ready = ["python", "-m", "runtime.healthcheck", "--ready"]  # the loaded model parses a message
    assert rasa["readinessProbe"]["exec"]["command"] == ready == rasa["startupProbe"]["exec"]["command"]
    startup = rasa["startupProbe"]
    assert startup["periodSeconds"] * startup["failureThreshold"] >= 180  # a slow model load is not killed
    assert "httpGet" in rasa["livenessProbe"]  # alive is only "answers": a slow store never restarts it
    (gateway,) = containers(objects["Deployment", "gateway"])
    # The gateway stays ready while Rasa is down, to give people the apology with the emergency numbers.
    assert gateway["readinessProbe"]["httpGet"]["path"] != "/healthz"
    assert gateway["lifecycle"]["preStop"]["exec"]["command"][0] == "sleep"  # the ingress lets go first
    (actions,) = containers(objects["Deployment", "actions"])
    assert actions["readinessProbe"]["httpGet"]["path"] == "/actions"


def test_disruption_budgets_cover_every_long_running_part(objects) -> None:
    budgets = [m for (kind, _), m in objects.items() if kind == "PodDisruptionBudget"]
    for kind, name in [("Deployment", "gateway"), ("StatefulSet", "rasa"), ("Deployment", "actions")]:
        labels = objects[kind, name]["spec"]["template"]["metadata"]["labels"]
        (budget,) = [b for b in budgets if b["spec"]["selector"]["matchLabels"].items() <= labels.items()]
        assert budget["spec"]["maxUnavailable"] == 1


def test_network_policies_deny_by_default_and_only_the_gateway_is_reachable_from_outside(objects) -> None:
    policies = {name: m["spec"] for (kind, name), m in objects.items() if kind == "NetworkPolicy"}
    assert policies["default-deny"] == {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}
    from_outside = {
        name
        for name, spec in policies.items()
        for rule in spec.get("ingress", [])
        for peer in rule.get("from", [])
        if "namespaceSelector" in peer or "ipBlock" in peer
    }
    assert from_outside == {"gateway", "metrics"}  # metrics: Prometheus to the metrics ports alone (below)
    component = "app.kubernetes.io/component"
    assert policies["gateway"]["podSelector"]["matchLabels"][component] == "gateway"
    assert [p["podSelector"]["matchLabels"][component] for p in policies["rasa"]["ingress"][0]["from"]] == ["gateway"]
    assert [p["podSelector"]["matchLabels"][component] for p in policies["actions"]["ingress"][0]["from"]] == ["rasa"]
    if ("StatefulSet", "postgres") in objects:  # dev: the databases only from the pods that use them
        (clients,) = policies["postgres"]["ingress"][0]["from"][0]["podSelector"]["matchExpressions"]
        assert sorted(clients["values"]) == ["actions", "gateway", "rasa", "retention"]  # actions: staff answers
        assert policies["redis"]["ingress"][0]["from"][0]["podSelector"]["matchLabels"] == {component: "rasa"}


def test_no_secret_is_committed(objects) -> None:
    assert not [name for kind, name in objects if kind == "Secret"]
    for manifest in workloads(objects):
        for container in containers(manifest):
            for variable in container.get("env", []):
                if SECRET_NAME.search(variable["name"]):
                    assert "secretKeyRef" in variable.get("valueFrom", {}), variable["name"]
    for value in config(objects).values():
        assert "@" not in value and "password" not in value.lower()


def test_one_image_with_one_tag_for_every_role(objects) -> None:
    images = {c["image"] for m in workloads(objects) if ours(m) for c in containers(m)}
    (image,) = images
    assert not image.endswith((":latest", ":")) and ":" in image
    roles = {arg for m in workloads(objects) if ours(m) for c in containers(m) for arg in c["args"]}
    assert roles <= OUR_ROLES and {"gateway", "rasa", "actions", "retention"} <= roles


def test_pods_run_locked_down(objects) -> None:
    for manifest in workloads(objects):
        pod = pod_spec(manifest)
        name = manifest["metadata"]["name"]
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}, name
        assert pod["automountServiceAccountToken"] is False, name
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        for container in containers(manifest):
            security = container["securityContext"]
            assert security["allowPrivilegeEscalation"] is False and security["readOnlyRootFilesystem"] is True, name
            assert security["capabilities"] == {"drop": ["ALL"]}, name
            assert {"cpu", "memory"} <= set(container["resources"]["requests"]) & set(container["resources"]["limits"])
            if ours(manifest):  # the root filesystem is read-only: /tmp (and Rasa's data dir) are emptyDirs
                mounts = {m["mountPath"]: volumes[m["name"]] for m in container["volumeMounts"]}
                assert "emptyDir" in mounts["/tmp"], name
    (rasa,) = containers(objects["StatefulSet", "rasa"])
    assert any(m["mountPath"] == config(objects)["DATA_DIR"] for m in rasa["volumeMounts"])


def test_memory_follows_the_measured_peaks() -> None:
    """docs/performance.md: Rasa about 904 MB each with two instances, gateway 121 MB, actions 140 MB (make bench)."""
    prod = rendered("prod")
    limits = {
        name: next(containers(prod[kind, name]))["resources"]["limits"]["memory"]
        for kind, name in [("StatefulSet", "rasa"), ("Deployment", "gateway"), ("Deployment", "actions")]
    }
    mebibytes = {name: int(value.removesuffix("Mi")) if value.endswith("Mi") else int(value.removesuffix("Gi")) * 1024
                 for name, value in limits.items()}  # fmt: skip
    assert mebibytes["rasa"] >= 1.5 * 904 and mebibytes["gateway"] >= 2 * 121 and mebibytes["actions"] >= 2 * 140


def test_production_has_tls_and_more_replicas_than_dev() -> None:
    dev, prod = rendered("dev"), rendered("prod")
    (tls,) = prod["Ingress", "gateway"]["spec"]["tls"]
    assert tls["secretName"] and tls["hosts"] == [r["host"] for r in prod["Ingress", "gateway"]["spec"]["rules"]]
    assert prod["Ingress", "gateway"]["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]["name"] == "gateway"
    assert prod["StatefulSet", "rasa"]["spec"]["replicas"] > dev["StatefulSet", "rasa"]["spec"]["replicas"]
    assert ("StatefulSet", "postgres") in dev and ("StatefulSet", "postgres") not in prod
    assert config(prod)["TELEGRAM_WEBHOOK_URL"].startswith("https://")


def test_replicas_spread_over_nodes(objects) -> None:
    for kind, name in [("Deployment", "gateway"), ("StatefulSet", "rasa"), ("Deployment", "actions")]:
        template = objects[kind, name]["spec"]["template"]
        (spread,) = template["spec"]["topologySpreadConstraints"]
        assert spread["topologyKey"] == "kubernetes.io/hostname"
        assert spread["labelSelector"]["matchLabels"].items() <= template["metadata"]["labels"].items()


def test_metrics_are_scraped_on_ports_of_their_own_and_only_prometheus_reaches_them(objects) -> None:
    settings = {name: Settings.from_env(environment(objects, "Deployment", name)) for name in ("gateway", "actions")}
    ports = {"gateway": settings["gateway"].metrics_port, "actions": settings["actions"].action_metrics_port}
    assert ports["gateway"] != settings["gateway"].port  # never the public port
    for name, port in ports.items():
        template = objects["Deployment", name]["spec"]["template"]
        assert template["metadata"]["annotations"] == {
            "prometheus.io/scrape": "true", "prometheus.io/port": str(port), "prometheus.io/path": "/metrics"}  # fmt: skip
        (container,) = template["spec"]["containers"]
        assert {"name": "metrics", "containerPort": port} in container["ports"]
    metrics = objects["NetworkPolicy", "metrics"]["spec"]
    (rule,) = metrics["ingress"]
    assert sorted(p["port"] for p in rule["ports"]) == sorted(ports.values())
    assert [peer["namespaceSelector"]["matchLabels"] for peer in rule["from"]] == [
        {"kubernetes.io/metadata.name": "monitoring"}]  # fmt: skip
    if ("Ingress", "gateway") in objects:  # the internet reaches the gateway's http port alone
        for rule in objects["Ingress", "gateway"]["spec"]["rules"]:
            assert {p["backend"]["service"]["port"]["name"] for p in rule["http"]["paths"]} == {"http"}
