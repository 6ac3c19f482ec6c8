"""How a batch run cuts its pages into tasks: across inputs in input order (a folder of HTML files is one page a
file, and a task of one page would cost more to schedule and write than to annotate), within a page count and a
byte budget, and sized to the input and the number of workers when no size is given."""
from __future__ import annotations

from caveat.annotator.batch_inputs import Index, Ref
from caveat.annotator.batch_tasks import TaskSize, plan


def _files(count: int, size: int = 100_000) -> list[Index]:
    return [Index(f"/in/page-{i:03d}.html", "html", (Ref(0, 0, size),)) for i in range(count)]


def _warc(records: int, size: int) -> Index:
    return Index("/in/crawl.warc.gz", "warc", tuple(Ref(i, i * size, size) for i in range(records)))


def _shape(tasks) -> list[list[tuple[str, int]]]:
    return [[(page.input, page.ref.record) for page in task.pages] for task in tasks]


def test_tasks_take_many_small_inputs_in_input_order():
    indexes = _files(5) + [_warc(3, 1000)]
    tasks = plan(indexes, TaskSize(4))
    assert [task.id for task in tasks] == [0, 1]
    assert sum(_shape(tasks), []) == [(i.input, r.record) for i in indexes for r in i.pages]
    assert [len(task.pages) for task in tasks] == [4, 4]


def test_the_byte_budget_gives_a_big_page_a_task_of_its_own():
    indexes = _files(2, 1_000) + _files(1, 2_000_000) + _files(2, 1_000)
    assert [len(task.pages) for task in plan(indexes, TaskSize(100, 10_000))] == [2, 1, 2]


def test_pages_already_done_are_left_out():
    indexes = [_warc(6, 1000)]
    tasks = plan(indexes, TaskSize(2), done={("/in/crawl.warc.gz", 1), ("/in/crawl.warc.gz", 4)})
    assert _shape(tasks) == [[("/in/crawl.warc.gz", 0), ("/in/crawl.warc.gz", 2)],
                             [("/in/crawl.warc.gz", 3), ("/in/crawl.warc.gz", 5)]]


def test_sized_to_the_input_a_few_tasks_a_worker_of_at_most_500_pages():
    assert TaskSize.sized_to(_files(1200), 2).pages == 75                 # 16 tasks for 2 workers
    assert len(plan(_files(1200), TaskSize.sized_to(_files(1200), 2))) == 16
    assert TaskSize.sized_to(_files(10), 4).pages == 1
    assert TaskSize.sized_to([_warc(1_000_000, 50_000)], 16).pages == 500
    big = _files(16, 2_000_000)
    assert [len(t.pages) for t in plan(big, TaskSize.sized_to(big, 2))] == [1] * 16
