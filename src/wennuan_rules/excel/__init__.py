"""Excel workbooks written by the library (the ``excel`` extra: xlsxwriter, imported on first use):

* :func:`~wennuan_rules.excel.template.write_template`: a form as a fillable workbook that looks
  like the printed attachment (``wennuan-rules template FORM_ID -o FILE.xlsx``);
* :func:`~wennuan_rules.excel.annotate.write_annotated`: a checked workbook with every cell of a
  failing rule marked and a sheet of findings (``wennuan-rules check FILE.xlsx --annotate OUT``).

Reading workbooks is :mod:`wennuan_rules._io.excel` and :mod:`wennuan_rules.form.workbook`.
"""
