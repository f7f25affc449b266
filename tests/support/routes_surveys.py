"""URL examples for the survey routes (see tests/support/route_examples.py).

The example survey is open, linked to a service of the provider's organisation (so the provider may read its
results), and has one response with a free-text answer.
"""

from __future__ import annotations

from tests.support.route_examples import _cached, example
from tests.support.surveys_factories import SurveyFactory


def _world(factory, ctx):
    def make():
        surveys = SurveyFactory(factory.session, factory)
        # Its own service, provided by the provider's organisation (an earlier route in the
        # walk may have archived ctx["service"]).
        service = factory.service("Survey Example Service", provider=ctx["provider_org"],
                                  safeguarding_lead=ctx["users"]["safeguarding_lead"])
        survey = surveys.survey(services=[service])
        link = surveys.link(survey, service=service)
        response = surveys.response(link, {"fft": "good", "better": "More evening times please"},
                                    nonce="route-example-receipt")
        return {"survey": survey, "link": link, "response": response}

    return _cached(ctx, "surveys", make)


@example("version")
def _version(factory, ctx):
    return "cy"  # a survey's Welsh wording (surveys.content.all_version_keys)


@example("survey_id")
def _survey_id(factory, ctx):
    return _world(factory, ctx)["survey"].id


@example("survey_question_id")
def _question_id(factory, ctx):
    survey = _world(factory, ctx)["survey"]
    # A free-text question, so the "all answers" page has something to show.
    return next(q.id for q in survey.questions if q.code == "better")


@example("survey_link_id")
def _link_id(factory, ctx):
    return _world(factory, ctx)["link"].id


@example("survey_response_id")
def _response_id(factory, ctx):
    return _world(factory, ctx)["response"].id


@example("link_token")
def _link_token(factory, ctx):
    return _world(factory, ctx)["link"].token


@example("receipt")
def _receipt(factory, ctx):
    return _world(factory, ctx)["response"].submission_token
