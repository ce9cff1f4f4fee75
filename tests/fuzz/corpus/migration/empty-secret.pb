
GitHub:alice08