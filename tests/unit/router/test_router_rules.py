"""Routing rules: the defaults of DOMAIN.md, site overrides, and the validation of a rules file."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from closedloop_router.adapters.rules import read_rules_file
from closedloop_router.domain import RoutingRules
from closedloop_shared.vocabulary import Category

DEPARTMENTS = ["customer_service", "engineering", "security", "environment", "finance", "legal"]

DOMAIN_TABLE = {
    Category.REPAIR: "engineering",
    Category.SECURITY: "security",
    Category.SANITATION: "environment",
    Category.LANDSCAPING: "environment",
    Category.NOISE: "customer_service",
    Category.PARKING: "security",
    Category.BILLING: "finance",
    Category.SERVICE_ATTITUDE: "customer_service",
    Category.COMPENSATION: "legal",
    Category.OTHER: "customer_service",
}


def rules_with(**overrides: object) -> RoutingRules:
    """The DOMAIN.md rules as a dict validated with `overrides` applied."""
    raw: dict[str, object] = {
        "departments": DEPARTMENTS,
        "default": {c.value: d for c, d in DOMAIN_TABLE.items()},
        **overrides,
    }
    return RoutingRules.model_validate(raw)


def test_domain_table_covers_all_ten_categories() -> None:
    """The expectations below name every category exactly once."""
    assert set(DOMAIN_TABLE) == set(Category)
    assert len(DOMAIN_TABLE) == 10


@pytest.mark.parametrize(("category", "department"), DOMAIN_TABLE.items())
def test_packaged_rules_route_each_category_to_its_domain_department(
    rules: RoutingRules, category: Category, department: str
) -> None:
    """Without a site override, each category goes to the department DOMAIN.md names."""
    assert rules.department_for("any-site", category) == (
        department,
        f"default: {category} -> {department}",
    )


def test_packaged_rules_know_the_six_departments(rules: RoutingRules) -> None:
    """The packaged file declares exactly the departments the table uses."""
    assert rules.departments == frozenset(DEPARTMENTS)
    assert rules.sites == {}
    assert rules.version == 1


def test_site_override_wins_for_its_site_and_category() -> None:
    """A site may send one category elsewhere; the rule says so."""
    rules = rules_with(sites={"site-a": {"noise": "security"}})
    assert rules.department_for("site-a", Category.NOISE) == (
        "security",
        "site site-a: noise -> security",
    )


def test_site_override_leaves_other_categories_on_the_default() -> None:
    """Only the overridden category changes at that site."""
    rules = rules_with(sites={"site-a": {"noise": "security"}})
    assert rules.department_for("site-a", Category.REPAIR)[0] == "engineering"


def test_site_override_does_not_leak_to_other_sites() -> None:
    """Another site keeps the default for the overridden category."""
    rules = rules_with(sites={"site-a": {"noise": "security"}})
    assert rules.department_for("site-b", Category.NOISE) == (
        "customer_service",
        "default: noise -> customer_service",
    )


def test_rules_missing_a_category_are_refused() -> None:
    """Every category must have a default owner, or a complaint would have none."""
    default = {c.value: d for c, d in DOMAIN_TABLE.items() if c not in {Category.NOISE}}
    with pytest.raises(ValidationError, match=r"lack categories: .*'noise'"):
        rules_with(default=default)


def test_rules_naming_an_unknown_default_department_are_refused() -> None:
    """A default owner must be a declared department."""
    default = {**{c.value: d for c, d in DOMAIN_TABLE.items()}, "billing": "accounts"}
    with pytest.raises(ValidationError, match=r"unknown departments: \['accounts'\]"):
        rules_with(default=default)


def test_rules_naming_an_unknown_override_department_are_refused() -> None:
    """A site override must name a declared department too."""
    with pytest.raises(ValidationError, match=r"unknown departments: \['gardeners'\]"):
        rules_with(sites={"site-a": {"landscaping": "gardeners"}})


def test_rules_naming_an_unknown_category_are_refused() -> None:
    """A typo in a category is an error, not a silently ignored rule."""
    with pytest.raises(ValidationError, match="plumbing"):
        rules_with(sites={"site-a": {"plumbing": "engineering"}})


def test_rules_refuse_unknown_top_level_keys() -> None:
    """A misspelt section is refused."""
    with pytest.raises(ValidationError, match="site_overrides"):
        rules_with(site_overrides={})


def test_read_rules_file_reads_a_yaml_file_with_overrides(tmp_path: Path) -> None:
    """Operators change routing by pointing the router at their own YAML file."""
    lines = [
        "version: 2",
        "departments: [customer_service, engineering, security, environment, finance, legal]",
        "default:",
        *(f"  {c.value}: {d}" for c, d in DOMAIN_TABLE.items()),
        "sites:",
        "  site-a:",
        "    parking: customer_service",
    ]
    path = tmp_path / "routing.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rules = read_rules_file(path)
    assert rules.version == 2
    assert rules.department_for("site-a", Category.PARKING)[0] == "customer_service"
    assert rules.department_for("site-b", Category.PARKING)[0] == "security"


def test_read_rules_file_refuses_an_incomplete_file(tmp_path: Path) -> None:
    """A file that would leave categories without an owner does not load."""
    path = tmp_path / "routing.yaml"
    path.write_text("departments: [engineering]\ndefault:\n  repair: engineering\n", "utf-8")
    with pytest.raises(ValidationError, match="lack categories"):
        read_rules_file(path)
