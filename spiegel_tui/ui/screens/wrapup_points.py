"""The wrap-up's key-point actions: a mixin of :class:`WrapUpScreen`.

Each action turns a key into one :class:`WrapUpSession` edit and shows its result.
An edit refused because another instance changed the point first reopens the
editor with the text typed here, so nothing typed is lost.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from textual.screen import Screen

from spiegel_tui.errors import SpiegelError
from spiegel_tui.model import KeyPoint, Meeting
from spiegel_tui.outcome.session import Conflict, Refresh, WrapUpSession, point_slot
from spiegel_tui.textclean import clean_line
from spiegel_tui.ui.screens.dialogs import ConfirmDialog
from spiegel_tui.ui.screens.point_editor import PointEditor
from spiegel_tui.ui.widgets.key_points import KeyPointList
from spiegel_tui.ui.widgets.remark_groups import SourceList


def _excerpt(text: str, length: int = 60) -> str:
    line = clean_line(text)
    return line if len(line) <= length else line[:length].rsplit(" ", 1)[0] + "…"


class WrapUpPoints(Screen[None]):
    session: WrapUpSession | None

    @property
    def meeting(self) -> Meeting | None:
        return self.session.meeting if self.session else None

    @property
    def points(self) -> list[KeyPoint]:
        return self.session.points if self.session else []

    def _apply(self, refresh: Refresh, highlight: int | None = None) -> None:
        raise NotImplementedError

    # Key points --------------------------------------------------------------

    def _edit(self, edit: Callable[[], tuple[int, Refresh] | Refresh], done: str = "") -> bool:
        """Run a session edit and show its result; False when it was not made."""
        try:
            result = edit()
        except Conflict as conflict:
            self.app.notify(conflict.message, title="Niet bewaard", severity="warning")
            self._apply(Refresh(points=True, remarks=True))
            if conflict.kept is not None:
                self.app.notify("Uw tekst staat weer klaar in de editor.", timeout=5)
                self._open_editor(conflict.point, conflict.kept, changed=True)
            return False
        except SpiegelError as error:
            self.app.notify(error.message, severity="warning")
            if self.session is not None:
                self._apply(Refresh(points=True, remarks=True))
            return False
        index, refresh = result if isinstance(result, tuple) else (None, result)
        self._apply(refresh, index)
        if done:
            self.app.notify(done.format(n=(index or 0) + 1), timeout=3)
        return True

    def _highlighted_point(self) -> int | None:
        points = self.query_one(KeyPointList)
        if not self.points or points.highlighted is None:
            return None
        return points.highlighted

    def action_make_point(self) -> None:
        sources = self.query_one(SourceList)
        chosen = sources.chosen_remarks()
        assert self.session is not None
        count = len(chosen)
        what = "1 opmerking" if count == 1 else f"{count} opmerkingen"
        session = self.session
        if self._edit(lambda: session.make_point(chosen), f"Kernpunt {{n}} gemaakt uit {what}."):
            sources.clear_marks()

    def action_attach_to_point(self) -> None:
        index = self._highlighted_point()
        if index is None or self.session is None:
            self.app.notify("Er is nog geen kernpunt; maak er een met enter.", severity="warning")
            return
        sources = self.query_one(SourceList)
        chosen = sources.chosen_remarks()
        if not chosen:
            return
        session = self.session
        if self._edit(
            lambda: (index, session.attach(index, chosen)), "Toegevoegd aan kernpunt {n}."
        ):
            sources.clear_marks()

    def action_confirm_point(self) -> None:
        index = self._highlighted_point()
        if index is None or self.session is None or not self.points[index].held_by:
            return
        session = self.session
        self._edit(
            lambda: (index, session.confirm(index)), "Kernpunt {n} bevestigd zoals het er staat."
        )

    def action_reword_point(self) -> None:
        index = self._highlighted_point()
        if index is not None:
            point = self.points[index]
            self._open_editor(point, point.text)

    def action_new_point(self) -> None:
        self._open_editor(None, "")

    def _open_editor(
        self,
        point: KeyPoint | None,
        text: str,
        then: Callable[[], None] | None = None,
        *,
        changed: bool = False,
        slot: str | None = None,
        title: str | None = None,
    ) -> None:
        """The point editor on ``point`` (None: a new point), its typing kept as a draft."""
        session, meeting = self.session, self.meeting
        if session is None or meeting is None:
            return
        if slot is None:
            slot = point_slot(point.id, point.revision, point.text) if point else point_slot(None)
        number = session.number(point.id) if point else 0
        remarks = [r for i in (point.remarks if point else []) if (r := meeting.remark(i))]

        def written(result: str | None) -> None:
            session.clear_draft(slot)
            if result is not None and (point is None or result != point.text):
                if point is None:
                    self._edit(lambda: session.new_point(result))
                else:
                    self._edit(lambda: (number - 1, session.reword(point, result)))
            if then is not None:
                then()

        if title is None:
            title = f"Kernpunt {number} herformuleren" if point else "Nieuw kernpunt"
        if changed and point is not None:
            # The other version, so the note-taker can place their own against it.
            title = f"Kernpunt {number} is elders gewijzigd in: “{_excerpt(point.text)}”"
        original = point.text if point else ""
        editor = PointEditor(title, text, meeting, remarks, original=original)
        editor.keep_draft = lambda typed: session.save_draft(slot, typed)
        if text != original:
            # Text coming back (a conflict, a left draft) is kept from the first moment.
            with contextlib.suppress(SpiegelError):
                session.save_draft(slot, text)
        self.app.push_screen(editor, written)

    def _offer_left_drafts(self) -> None:
        """A point being typed when the app last ended comes back in its editor."""
        assert self.session is not None
        try:
            left = self.session.left_drafts()
        except SpiegelError:
            return
        if not left:
            return
        slot, text = left[0]
        point = self.session.point_for_slot(slot)
        self.app.notify(
            "Een kernpunt dat u aan het typen was, staat weer klaar.", title="Teruggezet"
        )
        then = self._offer_left_drafts if len(left) > 1 else None
        if self.session.draft_was_stale(slot):
            # Its point was changed or removed elsewhere since: both texts stay; this one
            # becomes a new point unless the note-taker places it otherwise.
            title = "Elders gewijzigd of verwijderd: uw tekst wordt een nieuw kernpunt"
            self._open_editor(None, text, then, slot=slot, title=title)
            return
        self._open_editor(point, text, then)

    def action_move_point(self, delta: int) -> None:
        index = self._highlighted_point()
        if index is not None and self.session is not None:
            session = self.session
            self._edit(lambda: session.move(index, delta))

    def action_merge_points(self) -> None:
        marked = sorted(self.query_one(KeyPointList).marked)
        if self.session is not None:
            session = self.session
            self._edit(
                lambda: session.merge(marked),
                f"{len(marked)} kernpunten samengevoegd tot punt {{n}}.",
            )

    def action_remove_point(self) -> None:
        index = self._highlighted_point()
        if index is None or self.session is None:
            return
        point = self.points[index]
        session = self.session

        def answered(remove: bool | None) -> None:
            if remove:
                self._edit(lambda: (index, session.remove(point)))

        self.app.push_screen(
            ConfirmDialog(
                f"Kernpunt {index + 1} verwijderen?\n“{_excerpt(point.text)}”\n"
                "De opmerkingen zelf blijven staan.",
                yes="Verwijderen",
                no="Houden",
                title="Kernpunt verwijderen",
            ),
            answered,
        )
