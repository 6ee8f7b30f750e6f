"""What a plugin declares about its agents, and the A2A agent cards built from it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional, Sequence

from ._proto import a2a_pb2, plugin_pb2

_AGENT_ID = re.compile(r"[A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Skill:
    """A skill listed on the agent's card."""

    id: str
    name: str
    description: str = ""
    tags: Sequence[str] = ()
    examples: Sequence[str] = ()
    input_modes: Sequence[str] = ()
    output_modes: Sequence[str] = ()


@dataclass(frozen=True)
class Provider:
    """The organization behind the agent, shown on its card."""

    organization: str
    url: str = ""


@dataclass(frozen=True)
class Extension:
    """An A2A extension the agent supports, listed on its card. AgentX refuses a message that does not activate a
    required one (A2A-Extensions header) with ExtensionSupportRequired; the ones a client asks to use are in
    request.extensions."""

    uri: str
    description: str = ""
    required: bool = False
    params: Optional[Mapping[str, Any]] = None

    def __post_init__(self) -> None:
        if not isinstance(self.uri, str) or not self.uri:
            raise ValueError(f"an extension needs a uri, not {self.uri!r}")
        if self.params is not None and not isinstance(self.params, Mapping):
            raise TypeError(f"the params of extension {self.uri} must be a mapping, not {type(self.params).__name__}")


@dataclass(frozen=True)
class AgentDefinition:
    """One agent of the plugin: its card's fields and the handler that serves it."""

    id: str
    handler: Callable[[Any], Any]
    name: str
    description: str = ""
    version: str = "0.1.0"
    skills: Sequence[Skill] = ()
    streaming: bool = True
    input_modes: Sequence[str] = ("text/plain",)
    output_modes: Sequence[str] = ("text/plain",)
    provider: Optional[Provider] = None
    documentation_url: Optional[str] = None
    icon_url: Optional[str] = None
    framework: Optional[str] = None
    resumes_tasks: bool = False
    extensions: Sequence[Extension] = ()

    def __post_init__(self) -> None:
        if not _AGENT_ID.fullmatch(self.id or ""):
            raise ValueError(f"invalid agent id {self.id!r}: use letters, digits, '-', '_' and '.'")
        if not callable(self.handler):
            raise TypeError(f"the handler of agent {self.id!r} is not callable")


def build_card(agent: AgentDefinition) -> a2a_pb2.AgentCard:
    """The agent's A2A card; AgentX fills in the interfaces (its own endpoints)."""
    card = a2a_pb2.AgentCard(
        name=agent.name,
        description=agent.description,
        version=agent.version,
        capabilities=a2a_pb2.AgentCapabilities(streaming=agent.streaming,
                                               extensions=[_extension(extension) for extension in agent.extensions]),
        default_input_modes=list(agent.input_modes),
        default_output_modes=list(agent.output_modes),
        skills=[_skill(skill) for skill in agent.skills],
    )
    if agent.provider is not None:
        card.provider.organization = agent.provider.organization
        card.provider.url = agent.provider.url
    if agent.documentation_url:
        card.documentation_url = agent.documentation_url
    if agent.icon_url:
        card.icon_url = agent.icon_url
    return card


def build_registration(agent: AgentDefinition) -> plugin_pb2.AgentRegistration:
    return plugin_pb2.AgentRegistration(agent_id=agent.id, card=build_card(agent), framework=agent.framework or "",
                                        resumes_tasks=agent.resumes_tasks)


def _extension(extension: Extension) -> a2a_pb2.AgentExtension:
    card = a2a_pb2.AgentExtension(uri=extension.uri, description=extension.description, required=extension.required)
    if extension.params is not None:
        card.params.update(extension.params)
    return card


def _skill(skill: Skill) -> a2a_pb2.AgentSkill:
    return a2a_pb2.AgentSkill(
        id=skill.id,
        name=skill.name,
        description=skill.description,
        tags=list(skill.tags),
        examples=list(skill.examples),
        input_modes=list(skill.input_modes),
        output_modes=list(skill.output_modes),
    )
