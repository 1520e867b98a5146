"""One enumeration of roles, from the parser to the page (issue 11, structure)."""

from archive.admin import resources
from archive.models import Participation, Role
from archive.parsing import ROLES, parse_text
from archive.parsing.result import Role as ParsedRole


def test_models_admin_and_parser_share_one_list_of_roles():
    assert [value for value, _ in Participation._meta.get_field("role").choices] == list(ROLES)
    assert list(ROLES) == resources.ROLES
    assert [role.value for role in Role] == [role.value for role in ParsedRole]


def test_every_role_the_parser_gives_is_a_choice_with_a_label_for_people():
    meeting = parse_text(
        "3月2日，县长韩立新主持召开县政府常务会议。副县长周建国出席，县财政局局长吴晓梅列席。"
        "县发改局局长冯志远汇报了项目建设情况。县委书记郑文斌讲话。"
    ).meeting
    roles = {p.role for p in meeting.participants}
    assert roles >= {"chair", "attendee", "observer", "reporter", "speaker"}
    assert all(Role(role).label for role in roles)
