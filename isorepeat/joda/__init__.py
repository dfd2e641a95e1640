"""Joda-Time, as the engines that use it read and add: Chronos, Camunda 7 and Activiti.

:mod:`isorepeat.joda.grammar` holds its ISO grammars, :mod:`isorepeat.joda.arithmetic` its
``DateTime.plus(Period)``: shared, so that each engine's module says only where it differs.
"""
