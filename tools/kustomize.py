"""Render a kustomization of deploy/k8s/ without kustomize: `python -m tools.kustomize DIR [--out FILE]`.

kubectl (which has kustomize inside) may be missing on a CI machine, and neither PyPI nor Debian ships a
current kustomize (Debian's kubernetes-client is kubectl 1.20). So the project renders its manifests itself,
for exactly the subset of kustomize it uses, and refuses anything else rather than render it differently:

    resources    files of YAML documents, or directories with a kustomization.yaml (rendered first)
    namespace    set on every object
    images       name → newName and/or newTag, in every container and init container
    patches      JSON 6902 operations (add, replace, remove) on the objects a target (kind, name) selects

tests/tools/test_kustomize.py checks that `kubectl kustomize` gives the same objects, where kubectl exists.
"""

from __future__ import annotations

import argparse
import copy
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

KUSTOMIZATION = "kustomization.yaml"
SUPPORTED = frozenset(["resources", "namespace", "images", "patches"])
# kustomize's output order ("legacy"): what others depend on first; other kinds after these, by name.
KIND_ORDER = ["Namespace", "ServiceAccount", "ConfigMap", "Secret", "Service", "Deployment", "StatefulSet",
              "Job", "CronJob", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Ingress", "NetworkPolicy"]  # fmt: skip

Manifest = dict[str, Any]


class KustomizeError(ValueError):
    """The kustomization uses something outside the supported subset, or does not apply."""


def render(directory: Path) -> list[Manifest]:
    """The objects of the kustomization in `directory`, transformed as kustomize would."""
    path = directory / KUSTOMIZATION
    if not path.is_file():
        raise KustomizeError(f"no {KUSTOMIZATION} in {directory}")
    kustomization = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    unsupported = set(kustomization) - SUPPORTED
    if unsupported:
        raise KustomizeError(
            f"{path}: unsupported fields {sorted(unsupported)}; this renderer knows {sorted(SUPPORTED)}"
        )
    objects: list[Manifest] = []
    for resource in kustomization.get("resources", []):
        target = (directory / resource).resolve()
        objects.extend(render(target) if target.is_dir() else load(target))
    for patch in kustomization.get("patches", []):
        apply_patch(objects, patch, path)
    if "namespace" in kustomization:
        for manifest in objects:
            manifest["metadata"]["namespace"] = kustomization["namespace"]
    for image in kustomization.get("images", []):
        set_image(objects, image)
    return objects


def load(path: Path) -> list[Manifest]:
    documents = [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc is not None]
    for document in documents:
        if not isinstance(document, dict) or "kind" not in document or "name" not in document.get("metadata", {}):
            raise KustomizeError(f"{path}: every document must be an object with kind and metadata.name")
    return documents


def apply_patch(objects: list[Manifest], patch: dict[str, Any], source: Path) -> None:
    target = patch.get("target") or {}
    if set(patch) != {"target", "patch"} or set(target) - {"kind", "name"} or not target:
        raise KustomizeError(f"{source}: a patch needs an inline `patch` and a `target` of kind and/or name")
    operations = yaml.safe_load(patch["patch"])
    if not isinstance(operations, list):
        raise KustomizeError(f"{source}: only JSON 6902 patches (a list of operations) are supported")
    matched = [manifest for manifest in objects if selected(manifest, target)]
    if not matched:
        raise KustomizeError(f"{source}: no object matches the patch's target {target}")
    for manifest in matched:
        for operation in operations:
            json_patch(manifest, operation)


def selected(manifest: Manifest, target: dict[str, str]) -> bool:
    found = {"kind": manifest["kind"], "name": manifest["metadata"]["name"]}
    return all(found[key] == value for key, value in target.items())


def json_patch(document: Manifest, operation: dict[str, Any]) -> None:
    """One JSON 6902 operation (add, replace or remove), in place."""
    op, pointer = operation.get("op"), operation.get("path", "")
    if op not in ("add", "replace", "remove") or not pointer.startswith("/"):
        raise KustomizeError(f"unsupported patch operation {operation}")
    keys = [key.replace("~1", "/").replace("~0", "~") for key in pointer[1:].split("/")]
    parent: Any = document
    for key in keys[:-1]:
        parent = parent[int(key)] if isinstance(parent, list) else parent[key]
    last = keys[-1]
    value = copy.deepcopy(operation.get("value"))
    if isinstance(parent, list):
        if op == "add":
            parent.insert(len(parent) if last == "-" else int(last), value)
        elif op == "replace":
            parent[int(last)] = value
        else:
            del parent[int(last)]
    elif op == "add":
        parent[last] = value
    elif last not in parent:
        raise KustomizeError(f"cannot {op} {pointer}: no such field")
    elif op == "replace":
        parent[last] = value
    else:
        del parent[last]


def containers(manifest: Manifest) -> Iterator[dict[str, Any]]:
    """Every container and init container of a workload (a CronJob's pods one template deeper)."""
    spec = manifest.get("spec", {})
    if manifest["kind"] == "CronJob":
        spec = spec.get("jobTemplate", {}).get("spec", {})
    pod = spec.get("template", {}).get("spec", {})
    yield from pod.get("initContainers", [])
    yield from pod.get("containers", [])


def set_image(objects: list[Manifest], image: dict[str, str]) -> None:
    if set(image) - {"name", "newName", "newTag"} or "name" not in image:
        raise KustomizeError(f"unsupported image entry {image}: name, newName and newTag only")
    for manifest in objects:
        for container in containers(manifest):
            name, _, tag = container["image"].partition(":")
            if name == image["name"] and "@" not in container["image"]:
                new = image.get("newName", name)
                tag = image.get("newTag", tag)
                container["image"] = f"{new}:{tag}" if tag else new


def ordered(objects: list[Manifest]) -> list[Manifest]:
    def key(manifest: Manifest) -> tuple[int, str, str]:
        kind = manifest["kind"]
        rank = KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)
        return rank, kind, manifest["metadata"]["name"]

    return sorted(objects, key=key)


def dump(objects: list[Manifest]) -> str:
    return yaml.safe_dump_all(ordered(objects), sort_keys=True, default_flow_style=False)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--out", type=Path, help="write here instead of standard output")
    args = parser.parse_args(argv)
    try:
        text = dump(render(args.directory))
    except (KustomizeError, OSError, yaml.YAMLError) as error:
        sys.exit(f"kustomize: {error}")
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
