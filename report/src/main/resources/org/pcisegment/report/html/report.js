// Requirements table: show only the requirements with findings. Runs from the page itself; it
// fetches nothing.
(function () {
  var box = document.getElementById('only-findings');
  if (!box) {
    return;
  }
  box.addEventListener('change', function () {
    var rows = document.querySelectorAll('#requirements-table tbody tr');
    for (var i = 0; i < rows.length; i++) {
      rows[i].hidden = box.checked && rows[i].getAttribute('data-status') !== 'finding';
    }
  });
})();
