NAME          PROJECTS
* Choose which of six projects to fund: two budgets (money, staff), one project of the
* pair P4/P5 at most. The objective coefficients (the projects' values) are predicted.
OBJSENSE
    MAX
ROWS
 N  VALUE
 L  MONEY
 L  STAFF
 L  PAIR
COLUMNS
    MARKER                 'MARKER'                 'INTORG'
    P0        VALUE        1.0   MONEY        4.0
    P0        STAFF        2.0
    P1        VALUE        1.0   MONEY        3.0
    P1        STAFF        3.0
    P2        VALUE        1.0   MONEY        5.0
    P2        STAFF        1.0
    P3        VALUE        1.0   MONEY        2.0
    P3        STAFF        4.0
    P4        VALUE        1.0   MONEY        3.0
    P4        STAFF        2.0   PAIR         1.0
    P5        VALUE        1.0   MONEY        4.0
    P5        STAFF        3.0   PAIR         1.0
    MARKER                 'MARKER'                 'INTEND'
RHS
    RHS       MONEY        10.0  STAFF        7.0
    RHS       PAIR         1.0
BOUNDS
 UP BND       P0           1.0
 UP BND       P1           1.0
 UP BND       P2           1.0
 UP BND       P3           1.0
 UP BND       P4           1.0
 UP BND       P5           1.0
ENDATA
