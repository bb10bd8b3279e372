"""Save an .xlsx through openpyxl, as a user's Python script would.

usage: openpyxl_save.py SRC DST [--chart] [--comment]

--chart adds a bar chart on the first sheet and --comment a reviewer's comment on its A1;
neither changes a cell value. Run with Debian's /usr/bin/python3 (python3-openpyxl).
"""
import sys

import openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    flags = {a for a in argv if a.startswith("--")}
    unknown = flags - {"--chart", "--comment"}
    if len(args) != 2 or unknown:
        sys.stderr.write(__doc__)
        return 2
    src, dst = args
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    if "--comment" in flags:
        ws["A1"].comment = Comment("审核意见：请核对本表数据", "审核人")
    if "--chart" in flags:
        chart = BarChart()
        chart.title = "预算执行"
        chart.add_data(Reference(ws, min_col=3, max_col=5, min_row=4, max_row=6), titles_from_data=False)
        ws.add_chart(chart, "K2")
    wb.save(dst)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
