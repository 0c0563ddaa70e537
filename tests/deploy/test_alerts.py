"""The alert rules (deploy/prometheus/alerts.yml) name metrics the assistant exports, and each alert is
explained for the person who gets it (docs/deploy.md). promtool checks and unit-tests the rules themselves
(`make rules`, part of `make test`). Starts nothing."""

from __future__ import annotations

import re

import yaml
from prometheus_client import REGISTRY

import actions.metrics  # noqa: F401  (registers the action server's metrics in this process)
import bot.metrics  # noqa: F401  (and the gateway's)
from runtime.role import ROOT

RULES = yaml.safe_load((ROOT / "deploy" / "prometheus" / "alerts.yml").read_text(encoding="utf-8"))
ALERTS = [rule for group in RULES["groups"] for rule in group["rules"]]
DEPLOY_DOC = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")


def exported() -> set[str]:
    """Every sample name the gateway and the action server export (with _total, _bucket …)."""
    return {sample.name for metric in REGISTRY.collect() for sample in metric.samples}


def test_the_rules_name_only_metrics_that_exist() -> None:
    named = {name for alert in ALERTS for name in re.findall(r"\bcsd_\w+", alert["expr"])}
    assert named and named <= exported(), named - exported()


def test_every_alert_is_explained_with_what_to_do() -> None:
    for alert in ALERTS:
        assert alert["labels"]["severity"] in ("warning", "critical"), alert["alert"]
        assert alert["annotations"]["summary"] and "docs/deploy.md" in alert["annotations"]["description"]
        assert f"`{alert['alert']}`" in DEPLOY_DOC, f"docs/deploy.md does not explain {alert['alert']}"
