"""The project's renderer for its subset of kustomize: the same objects as `kubectl kustomize` (where kubectl
exists), and anything outside the subset refused rather than rendered differently."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from runtime.role import ROOT
from tools.kustomize import KustomizeError, json_patch, render

OVERLAYS = ROOT / "deploy" / "k8s" / "overlays"


def by_name(objects: list[dict]) -> dict[tuple[str, str, str], dict]:
    return {(o["kind"], o["metadata"].get("namespace", ""), o["metadata"]["name"]): o for o in objects}


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not installed here")
@pytest.mark.parametrize("overlay", ["dev", "prod"])
def test_the_same_objects_as_kubectl_kustomize(overlay: str) -> None:
    output = subprocess.run(
        ["kubectl", "kustomize", str(OVERLAYS / overlay)], capture_output=True, text=True, check=True
    ).stdout
    assert by_name(render(OVERLAYS / overlay)) == by_name(list(yaml.safe_load_all(output)))


def write(directory: Path, kustomization: str, resources: str = "") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "kustomization.yaml").write_text(kustomization, encoding="utf-8")
    if resources:
        (directory / "objects.yaml").write_text(resources, encoding="utf-8")
    return directory


DEPLOYMENT = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  template:
    spec:
      initContainers: [{name: init, image: app:1}]
      containers: [{name: web, image: app:1}, {name: db, image: postgres:15}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: job, image: app}]}}}}}
"""


def test_overlay_patches_sets_the_namespace_and_the_image(tmp_path: Path) -> None:
    write(tmp_path / "base", "resources: [objects.yaml]\n", DEPLOYMENT)
    overlay = write(
        tmp_path / "overlay",
        """
namespace: prod
resources: [../base]
images: [{name: app, newName: registry.example/app, newTag: "2.0"}]
patches:
  - target: {kind: Deployment, name: web}
    patch: |-
      - {op: replace, path: /spec/replicas, value: 5}
      - {op: add, path: /spec/template/spec/containers/-, value: {name: extra, image: app:1}}
""",
    )
    web, nightly = render(overlay)
    assert (web["metadata"]["namespace"], nightly["metadata"]["namespace"]) == ("prod", "prod")
    assert web["spec"]["replicas"] == 5
    pod = web["spec"]["template"]["spec"]
    assert [c["image"] for c in pod["initContainers"] + pod["containers"]] == [
        "registry.example/app:2.0", "registry.example/app:2.0", "postgres:15", "registry.example/app:2.0"
    ]  # fmt: skip
    assert nightly["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]["image"] == (
        "registry.example/app:2.0"
    )


@pytest.mark.parametrize(
    "kustomization",
    [
        "resources: [objects.yaml]\ncommonLabels: {a: b}\n",  # outside the subset
        "resources: [objects.yaml]\npatches: [{path: patch.yaml}]\n",  # patches from files
        "resources: [objects.yaml]\npatches: [{target: {kind: Deployment}, patch: 'spec: {replicas: 1}'}]\n",  # strategic merge
        "resources: [objects.yaml]\npatches: [{target: {kind: Service}, patch: '[]'}]\n",  # matches nothing
        "resources: [objects.yaml]\nimages: [{name: app, digest: 'sha256:00'}]\n",
    ],
)
def test_what_is_outside_the_subset_is_refused(tmp_path: Path, kustomization: str) -> None:
    with pytest.raises(KustomizeError):
        render(write(tmp_path, kustomization, DEPLOYMENT))


def test_json_patch_operations() -> None:
    document = {"spec": {"list": [1, 2], "a/b": {"x": 1}}}
    json_patch(document, {"op": "add", "path": "/spec/list/0", "value": 0})
    json_patch(document, {"op": "remove", "path": "/spec/list/2"})
    json_patch(document, {"op": "replace", "path": "/spec/a~1b/x", "value": 2})
    assert document == {"spec": {"list": [0, 1], "a/b": {"x": 2}}}
    with pytest.raises(KustomizeError):
        json_patch(document, {"op": "replace", "path": "/spec/missing", "value": 1})
    with pytest.raises(KustomizeError):
        json_patch(document, {"op": "move", "from": "/spec/list", "path": "/spec/other"})
